namespace MatchChat.Contracts.Topics;

/// <summary>A support topic; also the key of its queue and its room. Audience: all, adult or teen.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Topic")]
public sealed record Topic(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] string Audience);
