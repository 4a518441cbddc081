using MatchChat.Grains.Audit;
using MatchChat.Grains.Reports;
using MatchChat.Grains.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Storage.Postgres.Trust;

public static class TrustServiceCollectionExtensions
{
    /// <summary>Reports, the audit trail and the retention job's deletes in PostgreSQL, over one small shared pool.</summary>
    public static IServiceCollection AddMatchChatPostgresTrust(this IServiceCollection services, string connectionString)
    {
        services.RemoveAll<TrustDataSource>();
        services.RemoveAll<IReportStore>();
        services.RemoveAll<IAuditLog>();
        services.RemoveAll<IRetentionStore>();
        services.AddSingleton(_ => new TrustDataSource(connectionString));
        services.AddSingleton<IReportStore>(sp => new PostgresReportStore(sp.GetRequiredService<TrustDataSource>()));
        services.AddSingleton<IAuditLog>(sp => new PostgresAuditLog(sp.GetRequiredService<TrustDataSource>()));
        services.AddSingleton<IRetentionStore>(sp => new PostgresRetentionStore(sp.GetRequiredService<TrustDataSource>()));
        return services;
    }
}
