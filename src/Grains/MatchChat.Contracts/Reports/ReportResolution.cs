namespace MatchChat.Contracts.Reports;

/// <summary>How a moderator resolved a report: <see cref="Action"/> is none, warn, suspend or ban;
/// <see cref="Minutes"/> only for suspend; <see cref="ResolvedBy"/> is the moderator's handle.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ReportResolution")]
public sealed record ReportResolution(
    [property: Id(0)] string Action,
    [property: Id(1)] string? Note,
    [property: Id(2)] string ResolvedBy,
    [property: Id(3)] DateTime ResolvedAt,
    [property: Id(4)] int? Minutes);
