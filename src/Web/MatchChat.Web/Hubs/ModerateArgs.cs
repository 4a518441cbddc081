namespace MatchChat.Web.Hubs;

/// <summary><c>Moderate({room, handle, action, minutes?})</c>.</summary>
public sealed record ModerateArgs(string? Room, string? Handle, string? Action, int? Minutes);
