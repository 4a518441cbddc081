using MatchChat.Grains.Audit;
using MatchChat.Grains.Crisis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Storage.Postgres.Trust;

public static class CrisisPostgresServiceCollectionExtensions
{
    /// <summary>
    /// Crisis alerts in PostgreSQL, and (unless the trust and safety wiring registered them first) the small trust pool
    /// and the PostgreSQL audit trail they share.
    /// </summary>
    public static IServiceCollection AddMatchChatPostgresCrisis(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new TrustDataSource(connectionString));
        services.TryAddSingleton<IAuditLog>(sp => new PostgresAuditLog(sp.GetRequiredService<TrustDataSource>()));
        services.RemoveAll<IAlertStore>();
        services.AddSingleton<IAlertStore>(sp => new PostgresAlertStore(sp.GetRequiredService<TrustDataSource>()));
        return services;
    }
}
