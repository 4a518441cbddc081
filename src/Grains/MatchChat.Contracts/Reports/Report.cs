using MatchChat.Contracts.Messaging;

namespace MatchChat.Contracts.Reports;

/// <summary>
/// PROTOCOL.md <c>Report</c>. <see cref="Evidence"/> is the copy taken when the report was filed (the reported message and
/// up to 20 before it, as the reporter could read them); <c>[]</c> in <c>ReportFiled</c> events and after the retention
/// job erased it. Never carries a member id.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Report")]
public sealed record Report(
    [property: Id(0)] string ReportId,
    [property: Id(1)] string ReporterHandle,
    [property: Id(2)] string? ReportedHandle,
    [property: Id(3)] string Channel,
    [property: Id(4)] long? Seq,
    [property: Id(5)] string Category,
    [property: Id(6)] string Reason,
    [property: Id(7)] string Status,
    [property: Id(8)] DateTime CreatedAt,
    [property: Id(9)] Message[] Evidence,
    [property: Id(10)] ReportResolution? Resolution);
