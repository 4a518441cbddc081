using MatchChat.Grains.Crisis;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// A server with the embedded default's crisis screen as shipped: phrase screen and the MiniLM model (the process's one
/// shared instance, <see cref="ProcessEmbedder"/>). Ready only once the model has loaded and embedded its prototypes.
/// </summary>
public sealed class CrisisModelServerFixture : SafetyServerFixture, IAsyncLifetime
{
    protected override IDictionary<string, string?> Timings =>
        new Dictionary<string, string?>(base.Timings) { ["MatchChat:Crisis:Model"] = "true" };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var screening = Services.GetRequiredService<CrisisScreening>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!screening.ModelReady)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
