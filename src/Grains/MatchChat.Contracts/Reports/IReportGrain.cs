namespace MatchChat.Contracts.Reports;

/// <summary>
/// Key: the report id (<see cref="ReportIds.For"/>). Files the report once (evidence copied at filing time, read as the
/// reporter) and resolves it once. Reports live in the report store (PostgreSQL when configured), not in grain state.
/// </summary>
[Alias("MatchChat.IReportGrain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>Files the report, or finds the one already filed under this id; returns the report id.</summary>
    [Alias("File")] Task<string> File(ReportFiling filing);

    /// <summary>not_found for an unknown id, conflict when already resolved; the action is applied before the resolution is stored.</summary>
    [Alias("Resolve")] Task Resolve(ReportDecision decision);
}
