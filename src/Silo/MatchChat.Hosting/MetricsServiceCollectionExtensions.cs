using MatchChat.Contracts.Telemetry;
using MatchChat.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MatchChat.Hosting;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The path both web nodes and silo processes serve Prometheus text on.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// Npgsql labels its metrics with the data source (the connection string without its password) and the database;
    /// only these labels are kept, so the database's address and user never reach a scrape.
    /// </summary>
    private static readonly string[] NpgsqlTags =
        ["db.client.connection.state", "db.system.name", "db.operation.name", "db.response.status_code", "error.type"];

    /// <summary>
    /// OpenTelemetry metrics for Prometheus: MatchChat's meter (<see cref="MatchChatMetrics"/>), Orleans'
    /// (<c>Microsoft.Orleans</c>), ASP.NET Core (HTTP server, Kestrel, SignalR connections), Npgsql and the .NET runtime.
    /// Exemplars are off, so no trace or request detail rides along with a sample.
    /// </summary>
    public static IServiceCollection AddMatchChatMetrics(this IServiceCollection services, string serviceName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(MatchChatMetrics.MeterName, "Microsoft.Orleans", "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddView(instrument => instrument.Meter.Name == "Npgsql" ? new MetricStreamConfiguration { TagKeys = NpgsqlTags } : null)
                .SetExemplarFilter(ExemplarFilterType.AlwaysOff)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>GET /metrics</c> on this application's own endpoints (web nodes).</summary>
    public static IEndpointConventionBuilder MapMatchChatMetrics(this IEndpointRouteBuilder endpoints) =>
        // Read-only: GET and HEAD (an outside probe: DELETE /metrics answered 200); other methods answer 405.
        endpoints.MapPrometheusScrapingEndpoint(ScrapePath).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));

    /// <summary>
    /// A silo process: the metrics above plus a small Kestrel endpoint of its own serving <c>GET /metrics</c> on
    /// <c>MatchChat:Metrics:Port</c> (default 9464; 0 turns it off).
    /// </summary>
    public static IServiceCollection AddMatchChatSiloMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMatchChatMetrics("matchchat-silo");
        services.AddSingleton(new SiloMetricsOptions(configuration.GetValue("MatchChat:Metrics:Port", SiloMetricsOptions.DefaultPort)));
        services.AddHostedService<SiloMetricsEndpoint>();
        return services;
    }
}
