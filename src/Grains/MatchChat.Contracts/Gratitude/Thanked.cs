namespace MatchChat.Contracts.Gratitude;

/// <summary>PROTOCOL.md <c>Thanked({conversationId, rating, note})</c>: to the peer of the member who said thanks.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Thanked")]
public sealed record Thanked(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] int Rating,
    [property: Id(2)] string? Note);
