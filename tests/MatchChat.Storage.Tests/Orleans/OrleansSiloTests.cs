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
        var siloPort = TestSilo.FreeTcpPort();
        var gatewayPort = TestSilo.FreeTcpPort();
        var guidKey = Guid.NewGuid();

        var first = await TestSilo.StartAsync(connectionString, siloPort, gatewayPort);
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var grain = grains.GetGrain<IProbeGrain>("probe-1");
            Assert.Equal(1, await grain.IncrementAsync());
            Assert.Equal(2, await grain.IncrementAsync());
            await grain.RegisterReminderAsync("probe");
            await grain.RegisterReminderAsync("short-lived");
            await grain.UnregisterReminderAsync("short-lived");
            Assert.Equal(1, await grains.GetGrain<IGuidProbeGrain>(guidKey).IncrementAsync());
            var cleared = grains.GetGrain<IProbeGrain>("probe-cleared");
            await cleared.IncrementAsync();
            await cleared.ClearAsync();
            Assert.IsType<PostgresMessageStore>(first.Services.GetRequiredService<IMessageStore>());

            // The 10.x membership provider also runs CleanupDefunctSiloEntriesKey; it must parse and run on this schema.
            await first.Services.GetRequiredService<IMembershipTable>().CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);
        }
        finally
        {
            await TestSilo.StopAsync(first);
        }

        var second = await TestSilo.StartAsync(connectionString, siloPort, gatewayPort);
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal(2, await grains.GetGrain<IProbeGrain>("probe-1").GetAsync());
            Assert.Equal(3, await grains.GetGrain<IProbeGrain>("probe-1").IncrementAsync());
            Assert.Equal(1, await grains.GetGrain<IGuidProbeGrain>(guidKey).GetAsync());
            Assert.Equal(0, await grains.GetGrain<IProbeGrain>("probe-cleared").GetAsync());

            // An Orleans client finds the gateway through the PostgreSQL membership table.
            var client = await StartClientAsync(connectionString);
            try
            {
                Assert.Equal(4, await client.Services.GetRequiredService<IClusterClient>().GetGrain<IProbeGrain>("probe-1").IncrementAsync());
            }
            finally
            {
                await TestSilo.StopAsync(client);
            }
        }
        finally
        {
            await TestSilo.StopAsync(second);
        }

        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 's' AND grainidextensionstring = 'probe-1' AND version = 4"));
        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'g' AND grainidextensionstring IS NULL"));
        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansreminderstable WHERE remindername IN ('probe', 'short-lived')"));
        Assert.Equal(2, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansmembershiptable"));
    }

    [Fact]
    public async Task Client_started_before_any_silo_creates_the_schema_and_connects_once_a_silo_is_up()
    {
        var connectionString = await postgres.CreateDatabaseAsync("client");

        var clientStarting = StartClientAsync(connectionString);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'schemaversions'") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the client did not apply the migrations");
            await Task.Delay(100);
        }

        var silo = await TestSilo.StartAsync(connectionString, TestSilo.FreeTcpPort(), TestSilo.FreeTcpPort());
        try
        {
            var client = await clientStarting.WaitAsync(TimeSpan.FromSeconds(30));
            try
            {
                Assert.Equal(1, await client.Services.GetRequiredService<IClusterClient>().GetGrain<IProbeGrain>("from-client").IncrementAsync());
            }
            finally
            {
                await TestSilo.StopAsync(client);
            }
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    private static async Task<IHost> StartClientAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = TestSilo.ClusterId;
                options.ServiceId = TestSilo.ClusterId;
            });
            client.UseMatchChatPostgresClustering(connectionString);
            client.Services.AddSingleton<IClientConnectionRetryFilter, RetryForAWhile>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
