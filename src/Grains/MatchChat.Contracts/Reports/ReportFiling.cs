namespace MatchChat.Contracts.Reports;

/// <summary>A member's report as the hub checked it; <see cref="ReporterId"/> comes from the token, never from the client.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ReportFiling")]
public sealed record ReportFiling(
    [property: Id(0)] string ReporterId,
    [property: Id(1)] string Channel,
    [property: Id(2)] long? Seq,
    [property: Id(3)] string Category,
    [property: Id(4)] string Reason);
