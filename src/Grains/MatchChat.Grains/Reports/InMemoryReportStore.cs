using System.Collections.Concurrent;
using MatchChat.Contracts.Reports;

namespace MatchChat.Grains.Reports;

/// <summary>The embedded default: reports live as long as the process.</summary>
public sealed class InMemoryReportStore : IReportStore
{
    private readonly ConcurrentDictionary<string, StoredReport> _reports = new(StringComparer.Ordinal);

    public Task<StoredReport?> GetAsync(string reportId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_reports.GetValueOrDefault(reportId));

    public Task<StoredReport> AddAsync(StoredReport report, CancellationToken cancellationToken = default) =>
        Task.FromResult(_reports.GetOrAdd(report.ReportId, report));

    public Task<IReadOnlyList<StoredReport>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredReport>>(_reports.Values
            .Where(r => status is null || r.Status == status)
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.ReportId, StringComparer.Ordinal)
            .Take(limit)
            .ToArray());

    public Task<bool> ResolveAsync(string reportId, string moderatorId, ReportResolution resolution, CancellationToken cancellationToken = default)
    {
        while (_reports.TryGetValue(reportId, out var current))
        {
            if (current.Status != ReportStatuses.Open)
            {
                return Task.FromResult(false);
            }

            if (_reports.TryUpdate(reportId, current with { Status = ReportStatuses.Resolved, Resolution = resolution }, current))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    public Task<long> EraseEvidenceAsync(DateTime createdBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        foreach (var (id, report) in _reports)
        {
            if (report.CreatedAt < createdBefore && report.Evidence.Length > 0
                && _reports.TryUpdate(id, report with { Evidence = [] }, report))
            {
                erased++;
            }
        }

        return Task.FromResult(erased);
    }
}
