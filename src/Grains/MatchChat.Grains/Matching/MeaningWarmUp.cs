using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Matching;

/// <summary>[network] Loads the model in the background at silo start, so the first request is not the one that waits for it.</summary>
public sealed class MeaningWarmUp(MeaningService meaning, ILogger<MeaningWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!meaning.Enabled)
        {
            logger.LogInformation("Matching by meaning: off (shared tags only)");
            return;
        }

        await meaning.WarmUpAsync(stoppingToken);
        logger.LogInformation("Matching by meaning: on");
    }
}
