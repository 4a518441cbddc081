namespace MatchChat.Web.Hubs;

/// <summary><c>ListReports({status?})</c>.</summary>
public sealed record ListReportsArgs(string? Status);
