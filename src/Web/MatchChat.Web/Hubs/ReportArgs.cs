namespace MatchChat.Web.Hubs;

/// <summary><c>Report({channel, seq?, category, reason})</c>.</summary>
public sealed record ReportArgs(string? Channel, long? Seq, string? Category, string? Reason);
