using System.Net;
using System.Net.Sockets;
using MatchChat.Storage.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace MatchChat.Storage.Tests.Orleans;

/// <summary>A one-silo host on PostgreSQL for the storage tests, and its orderly stop.</summary>
internal static class TestSilo
{
    public const string ClusterId = "matchchat-test";

    public static async Task<IHost> StartAsync(string connectionString, int siloPort, int gatewayPort, bool batchedGrainWrites = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = ClusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseMatchChatPostgres(new PostgresConnectionBudget(connectionString), batchedGrainWrites: batchedGrainWrites);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static Task<IHost> StartAsync(string connectionString, bool batchedGrainWrites = true) =>
        StartAsync(connectionString, FreeTcpPort(), FreeTcpPort(), batchedGrainWrites);

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
