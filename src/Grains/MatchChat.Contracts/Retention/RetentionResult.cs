namespace MatchChat.Contracts.Retention;

/// <summary>What one retention pass erased: message rows of ended conversations, room message rows, reports' evidence.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.RetentionResult")]
public sealed record RetentionResult(
    [property: Id(0)] long ConversationMessages,
    [property: Id(1)] long RoomMessages,
    [property: Id(2)] long ReportEvidence,
    [property: Id(3)] TimeSpan Elapsed);
