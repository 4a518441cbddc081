using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;

namespace MatchChat.Grains.Reports;

/// <summary>
/// A report as the report store keeps it: the client's <see cref="Report"/> plus the member ids behind the handles
/// (<see cref="ReporterId"/>, <see cref="ReportedId"/>), which never leave the server.
/// </summary>
public sealed record StoredReport(
    string ReportId,
    string ReporterId,
    string ReporterHandle,
    string? ReportedId,
    string? ReportedHandle,
    string Channel,
    long? Seq,
    string Category,
    string Reason,
    DateTime CreatedAt,
    Message[] Evidence,
    string Status = ReportStatuses.Open,
    ReportResolution? Resolution = null)
{
    /// <summary>The client's view; <paramref name="withEvidence"/> false leaves the evidence out (events, which are not audited reads).</summary>
    public Report ToReport(bool withEvidence) =>
        new(ReportId, ReporterHandle, ReportedHandle, Channel, Seq, Category, Reason, Status, CreatedAt, withEvidence ? Evidence : [], Resolution);
}
