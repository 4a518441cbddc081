namespace MatchChat.Contracts.Reports;

/// <summary>Reads reports for moderators; every read of evidence is written to the audit trail. A stateless worker (key 0).</summary>
[Alias("MatchChat.IReportListGrain")]
public interface IReportListGrain : IGrainWithIntegerKey
{
    /// <summary>Newest first, at most <paramref name="limit"/>; <paramref name="status"/> null for all.</summary>
    [Alias("List")] Task<Report[]> List(string moderatorId, string moderatorHandle, string? status, int limit);
}
