using MatchChat.Grains.Matching;
using MatchChat.Language.Meaning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MatchChat.Tests.Meaning;

/// <summary>
/// A node whose model cannot load keeps serving: matching falls back to shared tags. A background service that throws
/// stops its host by default, so the warm-up must not throw; this runs it in a real generic host.
/// </summary>
public sealed class MeaningWarmUpTests
{
    [Fact]
    public async Task A_model_that_cannot_load_does_not_stop_the_node()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new MeaningService(Options.Create(new MeaningOptions()), () => throw new InvalidOperationException("no model"), NullLogger<MeaningService>.Instance));
        builder.Services.AddHostedService<MeaningWarmUp>();
        using var host = builder.Build();
        await host.StartAsync();

        var warmUp = host.Services.GetServices<IHostedService>().OfType<MeaningWarmUp>().Single();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(warmUp.ExecuteTask.IsCompletedSuccessfully);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Null(await host.Services.GetRequiredService<MeaningService>().Text("still answers, without a vector"));
        await host.StopAsync();
    }
}
