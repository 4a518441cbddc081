using MatchChat.Hosting;
using MatchChat.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hosting;

public static class WebMetricsExtensions
{
    /// <summary>
    /// OpenTelemetry metrics for this web node (and its embedded silo, if any), and the hub filter that counts
    /// connections and rate-limit refusals. The node serves them at <c>GET /metrics</c> (<c>MapMatchChatMetrics</c>).
    /// </summary>
    public static IServiceCollection AddMatchChatWebMetrics(this IServiceCollection services)
    {
        services.AddMatchChatMetrics("matchchat-web");
        services.Configure<HubOptions>(o => o.AddFilter(new MetricsHubFilter()));
        return services;
    }
}
