namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Event <c>CrisisResources</c> to the member whose note or message read as crisis or concern. <see cref="Language"/>: the
/// language <see cref="Message"/> is written in (<see cref="CrisisWording.LanguageFor"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.CrisisResources")]
public sealed record CrisisResources(
    [property: Id(0)] string Level,
    [property: Id(1)] Resource[] Resources,
    [property: Id(2)] string Message,
    [property: Id(3)] string Language = "en");
