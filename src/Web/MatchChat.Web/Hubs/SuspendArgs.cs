namespace MatchChat.Web.Hubs;

/// <summary><c>Suspend({handle, minutes?, reason})</c>: no <c>minutes</c> is a ban.</summary>
public sealed record SuspendArgs(string? Handle, int? Minutes, string? Reason);
