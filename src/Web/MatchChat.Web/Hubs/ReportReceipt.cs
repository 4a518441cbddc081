namespace MatchChat.Web.Hubs;

/// <summary>What <c>Report</c> answers: <c>{reportId}</c>.</summary>
public sealed record ReportReceipt(string ReportId);
