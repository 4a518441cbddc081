using MatchChat.Grains.Audit;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Reports;
using MatchChat.Grains.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Grains.Hosting;

public static class TrustServiceCollectionExtensions
{
    /// <summary>Reports, the audit trail and retention: <c>MatchChat:Retention</c>, and (unless PostgreSQL registered its own)
    /// the in-memory report store, audit log and retention store.</summary>
    public static IServiceCollection AddMatchChatTrust(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection("MatchChat:Retention"));
        services.TryAddSingleton<IReportStore, InMemoryReportStore>();
        services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
        services.TryAddSingleton<IRetentionStore>(sp => new InMemoryRetentionStore(sp.GetRequiredService<IMessageStore>()));
        return services;
    }
}
