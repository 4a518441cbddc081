using MatchChat.Language.Meaning;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// The one sentence-embedding model of this process (several hundred MB): loaded on first use, shared by every silo in
/// the process (tests host several) and by every feature that needs it (the crisis screen now, matching by meaning
/// later). At most one model call runs at a time, so the model never takes more than one core, and it runs on its own
/// thread at nice <see cref="DefaultNice"/> (environment variable <c>MatchChat__Model__Nice</c>, 0–19; 0 = normal
/// priority): on a busy machine chat traffic comes first and the model reads with the CPU left over.
/// </summary>
public static class ProcessEmbedder
{
    public const int DefaultNice = 10;

    private static readonly Lazy<MiniLmEmbedder> Model = new(() => new MiniLmEmbedder(maxConcurrentCalls: 1, nice: Nice()), LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITextEmbedder Instance => Model.Value;

    private static int Nice() =>
        int.TryParse(Environment.GetEnvironmentVariable("MatchChat__Model__Nice"), out var nice) && nice is >= 0 and <= 19
            ? nice
            : DefaultNice;
}
