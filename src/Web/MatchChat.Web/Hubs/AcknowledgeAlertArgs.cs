namespace MatchChat.Web.Hubs;

/// <summary><c>AcknowledgeAlert({alertId, note?})</c>; the note is at most 500 characters.</summary>
public sealed record AcknowledgeAlertArgs(string? AlertId, string? Note);
