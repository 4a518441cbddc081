namespace MatchChat.Hosting.Metrics;

/// <summary><c>MatchChat:Metrics:Port</c>: where a silo process serves <c>GET /metrics</c>; 0 turns it off.</summary>
public sealed record SiloMetricsOptions(int Port)
{
    /// <summary>The port OpenTelemetry's Prometheus exporter uses by convention.</summary>
    public const int DefaultPort = 9464;
}
