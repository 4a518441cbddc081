namespace MatchChat.Web.Api;

/// <summary>Log category for /healthz.</summary>
public sealed class HealthCheckLog;
