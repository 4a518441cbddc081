using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Crisis;

/// <summary>Loads the crisis model once per silo process at start, in the background; until it is ready the cheap screen runs alone.</summary>
public sealed class CrisisWarmUp(CrisisScreening screening, ILogger<CrisisWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!screening.Enabled || !screening.Options.Model)
        {
            logger.LogInformation("Crisis screen: {Mode}", screening.Enabled ? "phrase screen only (model off)" : "off");
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await screening.WarmUpAsync(stoppingToken);
            logger.LogInformation("Crisis screen: model ready after {Seconds:F1}s", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError("Crisis screen: the model could not be loaded ({ExceptionType}); the phrase screen goes on alone", e.GetType().Name);
        }
    }
}
