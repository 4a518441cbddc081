using MatchChat.Contracts;
using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatchChat.Hosting;

internal static class RetentionStartup
{
    /// <summary>
    /// Every silo makes sure the retention job's reminder exists once it is active (idempotent; the one grain key keeps
    /// one owner in the cluster). A failure is logged and the silo runs on: the next silo start registers it.
    /// </summary>
    public static ISiloBuilder AddRetentionStartup(this ISiloBuilder silo) =>
        silo.AddStartupTask(async (services, _) =>
        {
            try
            {
                await services.GetRequiredService<IGrainFactory>().Ref<IRetentionGrain>(SingletonKeys.Retention).Start();
            }
            catch (Exception e)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RetentionStartup))
                    .LogWarning("Retention reminder not registered at start ({ExceptionType})", e.GetType().Name);
            }
        });
}
