using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] Loads the model in the background at silo start, so the first request is not the one that waits for it.
/// A model that cannot load must not take the silo with it (a background service that throws stops the host): the
/// failure is logged by its type and matching goes on by shared tags, as it does for any embedding that fails.
/// </summary>
public sealed class MeaningWarmUp(MeaningService meaning, ILogger<MeaningWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!meaning.Enabled)
        {
            logger.LogInformation("Matching by meaning: off (shared tags only)");
            return;
        }

        try
        {
            await meaning.WarmUpAsync(stoppingToken);
            logger.LogInformation("Matching by meaning: on");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError("Matching by meaning: the model could not be loaded ({ExceptionType}); matching goes on by shared tags", e.GetType().Name);
        }
    }
}
