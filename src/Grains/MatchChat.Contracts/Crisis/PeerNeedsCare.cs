namespace MatchChat.Contracts.Crisis;

/// <summary>Event <c>PeerNeedsCare</c> to the other participant of a conversation whose peer wrote crisis language.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.PeerNeedsCare")]
public sealed record PeerNeedsCare(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Guidance,
    [property: Id(2)] Resource[] Resources);
