using System.Net;
using System.Net.Sockets;
using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace MatchChat.Storage.Tests.Orleans;

[Collection(PostgresCollection.Name)]
public sealed class OrleansSiloTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Orleans_silo_starts_on_postgres_and_persists_grain_state()
    {
        // A fresh database: the silo itself must create the schema before membership, storage and reminders use it.
        var connectionString = await postgres.CreateDatabaseAsync("silo");
        var siloPort = FreeTcpPort();
        var gatewayPort = FreeTcpPort();

        var first = await StartSiloAsync(connectionString, siloPort, gatewayPort);
        try
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("probe-1");
            Assert.Equal(1, await grain.IncrementAsync());
            Assert.Equal(2, await grain.IncrementAsync());
            await grain.RegisterReminderAsync();
            Assert.IsType<PostgresMessageStore>(first.Services.GetRequiredService<IMessageStore>());
        }
        finally
        {
            await StopAsync(first);
        }

        var second = await StartSiloAsync(connectionString, siloPort, gatewayPort);
        try
        {
            var grain = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("probe-1");
            Assert.Equal(2, await grain.GetAsync());
            Assert.Equal(3, await grain.IncrementAsync());
        }
        finally
        {
            await StopAsync(second);
        }

        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring ILIKE '%probe%'"));
        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'probe'"));
        Assert.Equal(2, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansmembershiptable"));
    }

    private static async Task<IHost> StartSiloAsync(string connectionString, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "matchchat-test";
                options.ServiceId = "matchchat-test";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseMatchChatPostgres(connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task StopAsync(IHost host)
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

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
