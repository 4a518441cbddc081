namespace MatchChat.Contracts.Reports;

/// <summary>A moderator's <c>ResolveReport</c> as the hub checked it.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ReportDecision")]
public sealed record ReportDecision(
    [property: Id(0)] string ModeratorId,
    [property: Id(1)] string ModeratorHandle,
    [property: Id(2)] string Action,
    [property: Id(3)] int? Minutes,
    [property: Id(4)] string? Note);
