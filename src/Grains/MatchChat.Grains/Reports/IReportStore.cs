using MatchChat.Contracts.Reports;

namespace MatchChat.Grains.Reports;

/// <summary>
/// Where reports live: PostgreSQL (table <c>reports</c>) when configured, memory otherwise; never grain state.
/// Failures to reach the storage throw; callers answer <c>unavailable</c>.
/// </summary>
public interface IReportStore
{
    Task<StoredReport?> GetAsync(string reportId, CancellationToken cancellationToken = default);

    /// <summary>Stores the report unless one with its id exists; returns the stored one (the first wins).</summary>
    Task<StoredReport> AddAsync(StoredReport report, CancellationToken cancellationToken = default);

    /// <summary>Newest first, at most <paramref name="limit"/>; <paramref name="status"/> null for every status.</summary>
    Task<IReadOnlyList<StoredReport>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>Resolves an open report; false when it was not open (already resolved, or unknown).</summary>
    Task<bool> ResolveAsync(string reportId, string moderatorId, ReportResolution resolution, CancellationToken cancellationToken = default);

    /// <summary>Erases the evidence of reports filed before <paramref name="createdBefore"/> (the report stays, with evidence
    /// <c>[]</c>), at most <paramref name="batchSize"/> reports per transaction; returns how many reports lost their evidence.</summary>
    Task<long> EraseEvidenceAsync(DateTime createdBefore, int batchSize, CancellationToken cancellationToken = default);
}
