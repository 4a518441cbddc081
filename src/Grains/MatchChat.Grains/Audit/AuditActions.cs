namespace MatchChat.Grains.Audit;

/// <summary>The kinds of audited reads.</summary>
public static class AuditActions
{
    /// <summary>A moderator was shown a report's evidence (ListReports).</summary>
    public const string ReportEvidenceRead = "report.evidence.read";
}
