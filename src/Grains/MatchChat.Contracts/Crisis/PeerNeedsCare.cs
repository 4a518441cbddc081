namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Event <c>PeerNeedsCare</c> to the other participant of a conversation whose peer wrote crisis language.
/// <see cref="Language"/>: the language <see cref="Guidance"/> is written in (the reader's, where translated).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.PeerNeedsCare")]
public sealed record PeerNeedsCare(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Guidance,
    [property: Id(2)] Resource[] Resources,
    [property: Id(3)] string Language = "en");
