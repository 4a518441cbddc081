namespace MatchChat.Web.Hubs;

/// <summary><c>ResolveReport({reportId, action, minutes?, note?})</c>.</summary>
public sealed record ResolveReportArgs(string? ReportId, string? Action, int? Minutes, string? Note);
