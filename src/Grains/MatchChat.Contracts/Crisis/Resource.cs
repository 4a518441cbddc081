namespace MatchChat.Contracts.Crisis;

/// <summary>
/// A place to get help (contract type <c>Resource</c>). <see cref="Kind"/> is <c>crisis</c>, <c>helpline</c>,
/// <c>professional</c> or <c>community</c>; <see cref="Region"/> is ISO 3166-1 alpha-2 or <c>*</c> for everywhere.
/// <see cref="Topics"/> (an addition) lists the topic slugs it is for; empty means every topic.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Resource")]
public sealed record Resource(
    [property: Id(0)] string Name,
    [property: Id(1)] string Contact,
    [property: Id(2)] string Url,
    [property: Id(3)] string Region,
    [property: Id(4)] string[] Languages,
    [property: Id(5)] string Hours,
    [property: Id(6)] string Kind,
    [property: Id(7)] string[] Topics);
