using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Reports;
using MatchChat.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Reports;

/// <summary>
/// Reads reports for moderators. Every report returned with evidence is an audited read of conversation content: the
/// audit rows are written before the reports are handed out, so a read that could not be audited does not happen.
/// </summary>
[StatelessWorker]
public sealed class ReportListGrain(IReportStore store, IAuditLog audit, TimeProvider time, ILogger<ReportListGrain> logger) : Grain, IReportListGrain
{
    public async Task<Report[]> List(string moderatorId, string moderatorHandle, string? status, int limit)
    {
        try
        {
            // Reports about the moderator themselves are left out: they would name who reported them (another reads them).
            var reports = (await store.ListAsync(status, limit)).Where(r => r.ReportedId != moderatorId).ToArray();
            var now = time.GetUtcNow().UtcDateTime;
            var reads = reports
                .Where(r => r.Evidence.Length > 0)
                .Select(r => new AuditEntry(now, moderatorId, moderatorHandle, AuditActions.ReportEvidenceRead, r.ReportId, r.Channel))
                .ToArray();
            if (reads.Length > 0)
            {
                await audit.WriteAsync(reads);
            }

            return reports.Select(r => r.ToReport(withEvidence: true)).ToArray();
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            logger.LogWarning("Listing reports failed ({ExceptionType})", e.GetType().Name);
            throw MatchChatException.Unavailable("Reports cannot be reached just now. Please try again in a moment.");
        }
    }
}
