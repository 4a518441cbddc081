using MatchChat.Contracts.Crisis;
using MatchChat.Grains.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Grains.Crisis;

public static class CrisisServiceCollectionExtensions
{
    /// <summary>
    /// Crisis care on a silo: <c>MatchChat:Crisis</c>, the detector (the model loads in the background at start), the
    /// resources catalogue, and (unless PostgreSQL registered its own) the in-memory alert store and audit log.
    /// </summary>
    public static IServiceCollection AddMatchChatCrisis(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CrisisOptions>(configuration.GetSection("MatchChat:Crisis"));
        services.TryAddSingleton(ResourceCatalog.FromConfiguration(configuration));
        services.TryAddSingleton<CrisisScreening>();
        services.AddHostedService<CrisisWarmUp>();
        services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
        return services;
    }
}
