using MatchChat.Hosting.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Hosting;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The health of a MatchChat node as ASP.NET Core health checks: the silo cluster answers a call
    /// (<c>cluster</c>), and PostgreSQL answers when <c>ConnectionStrings:MatchChat</c> is set (<c>postgresql</c>).
    /// </summary>
    public static IServiceCollection AddMatchChatHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ClusterSettings.From(configuration);
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        if (settings.UsesPostgres)
        {
            checks.AddCheck("postgresql", new PostgresHealthCheck(settings.PostgresBudget.For(Storage.Postgres.PostgresUse.Health)));
        }

        return services;
    }
}
