using MatchChat.Language.Detection;
using MatchChat.Language.Meaning;

namespace MatchChat.Language.Tests;

/// <summary>One MiniLM model for the whole test class (it is large and slow to load).</summary>
public sealed class ModelFixture : IAsyncLifetime, IDisposable
{
    public MiniLmEmbedder Embedder { get; } = new();

    public CrisisDetector Detector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Detector = new CrisisDetector(Embedder);
        await Detector.WarmUpAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Embedder.Dispose();
}
