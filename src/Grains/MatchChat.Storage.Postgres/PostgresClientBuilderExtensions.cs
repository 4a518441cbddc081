using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Messaging;
using Orleans.Runtime.Membership;

namespace MatchChat.Storage.Postgres;

/// <summary>Lets an Orleans client find the silo gateways through PostgreSQL membership.</summary>
public static class PostgresClientBuilderExtensions
{
    /// <summary>ADO.NET clustering for a client: the gateway list is read from the membership table the silos write.
    /// The client applies the migrations too before its first read, so it may start before any silo; until a silo is up
    /// the gateway list is empty and connecting fails, so a client that may start first should retry
    /// (<c>IClientConnectionRetryFilter</c>).</summary>
    public static IClientBuilder UseMatchChatPostgresClustering(this IClientBuilder client, string connectionString) =>
        client.UseMatchChatPostgresClustering(new PostgresConnectionBudget(connectionString));

    /// <summary>As above, reading the gateway list through a pool of <see cref="PostgresConnectionBudget.GatewayPool"/> connections.</summary>
    public static IClientBuilder UseMatchChatPostgresClustering(this IClientBuilder client, PostgresConnectionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(budget);
        var connectionString = budget.For(PostgresUse.Gateways);
        var migrations = budget.For(PostgresUse.Migrations);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSiloBuilderExtensions.Invariant;
            options.ConnectionString = connectionString;
        });

        client.Services.RemoveAll<IGatewayListProvider>();
        client.Services.TryAddSingleton<AdoNetGatewayListProvider>();
        client.Services.AddSingleton<IGatewayListProvider>(services => new MigratingGatewayListProvider(
            services.GetRequiredService<AdoNetGatewayListProvider>(),
            migrations,
            services.GetRequiredService<ILogger<MigratingGatewayListProvider>>()));
        return client;
    }
}
