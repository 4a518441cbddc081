using Microsoft.Extensions.Logging;
using Orleans.Messaging;
using Orleans.Runtime.Membership;

namespace MatchChat.Storage.Postgres;

/// <summary>The ADO.NET gateway list provider of an Orleans client, preceded by <see cref="PostgresMigrations"/>: a web
/// node that starts before any silo finds the membership tables (empty) instead of failing on a missing table.</summary>
internal sealed class MigratingGatewayListProvider(AdoNetGatewayListProvider inner, string connectionString, ILogger<MigratingGatewayListProvider> logger)
    : IGatewayListProvider
{
    public TimeSpan MaxStaleness => inner.MaxStaleness;

    public bool IsUpdatable => inner.IsUpdatable;

    public async Task InitializeGatewayListProvider()
    {
        await PostgresMigrations.MigrateAsync(connectionString, logger);
        await inner.InitializeGatewayListProvider();
    }

    public Task<IList<Uri>> GetGateways() => inner.GetGateways();
}
