using MatchChat.Grains.Hosting;
using MatchChat.Storage.Postgres;
using MatchChat.Storage.Tests;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace MatchChat.Durability.Tests;

/// <summary>A TestingHost cluster of MatchChat silos on a fresh database of the tests' PostgreSQL (membership in it too).</summary>
internal static class PostgresTestCluster
{
    public static async Task<TestCluster> DeployAsync(PostgresFixture postgres, string name, short silos)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = $"{name}-test";
        builder.Options.ServiceId = $"{name}-test";
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MatchChat"] = connectionString }));
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        builder.AddClientBuilderConfigurator<PostgresClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration.GetConnectionString("MatchChat")!;
            siloBuilder.UseMatchChatPostgres(connectionString);
            siloBuilder.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(2));
            siloBuilder.Services.AddMatchChatGrains(siloBuilder.Configuration);
        }
    }

    private sealed class PostgresClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseMatchChatPostgresClustering(configuration.GetConnectionString("MatchChat")!);
    }
}
