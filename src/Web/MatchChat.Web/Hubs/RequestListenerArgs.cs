namespace MatchChat.Web.Hubs;

/// <summary><c>RequestListener({topic, experiences?, note?})</c>.</summary>
public sealed record RequestListenerArgs(string? Topic, string[]? Experiences, string? Note);
