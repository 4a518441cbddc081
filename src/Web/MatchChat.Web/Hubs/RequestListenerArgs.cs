namespace MatchChat.Web.Hubs;

/// <summary><c>RequestListener({topic, experiences?, note?, preferHandle?})</c>; preferHandle ([network]) names someone in the caller's network.</summary>
public sealed record RequestListenerArgs(string? Topic, string[]? Experiences, string? Note)
{
    public string? PreferHandle { get; init; }
}
