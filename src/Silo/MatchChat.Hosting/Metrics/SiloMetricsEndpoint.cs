using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using static MatchChat.Hosting.MetricsServiceCollectionExtensions;

namespace MatchChat.Hosting.Metrics;

/// <summary>
/// The silo process is a generic host with no HTTP server. This starts a minimal Kestrel server inside it that
/// serves <c>GET /metrics</c> from the silo's own meter provider, the same exporter code as on web nodes. A port that
/// cannot be bound (another silo on this machine took it) is logged and the silo runs on without metrics: losing
/// metrics must never take a silo down. The small server logs nothing of its own (no providers); this class logs
/// where it listens, or why it could not.
/// </summary>
internal sealed class SiloMetricsEndpoint(
    SiloMetricsOptions options, MeterProvider meterProvider, ILogger<SiloMetricsEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Port <= 0)
        {
            logger.LogInformation("Silo metrics endpoint off (MatchChat__Metrics__Port is 0)");
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenAnyIP(options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider, context => context.Request.Path == ScrapePath && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            ScrapePath, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken);
            _app = app;
            logger.LogInformation("Silo metrics at http://*:{Port}{Path}", options.Port, ScrapePath);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("Silo metrics endpoint could not listen on port {Port} ({ExceptionType}); set MatchChat__Metrics__Port", options.Port, e.GetType().Name);
            await app.DisposeAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
