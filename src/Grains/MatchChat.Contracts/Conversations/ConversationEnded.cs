namespace MatchChat.Contracts.Conversations;

/// <summary>Event payload. EndedBy is the handle of the participant who ended it, or "system".</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ConversationEnded")]
public sealed record ConversationEnded(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string EndedBy,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTime EndedAt = default);
