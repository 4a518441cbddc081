namespace MatchChat.Web.Hubs;

/// <summary><c>ListAlerts({status?})</c>: <c>open</c>, <c>acknowledged</c>, or absent for all.</summary>
public sealed record ListAlertsArgs(string? Status);
