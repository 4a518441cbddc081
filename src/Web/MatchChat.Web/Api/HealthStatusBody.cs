namespace MatchChat.Web.Api;

/// <summary>The body of <c>/healthz</c>: <c>ok</c> or <c>unavailable</c>.</summary>
public sealed record HealthStatusBody(string Status);
