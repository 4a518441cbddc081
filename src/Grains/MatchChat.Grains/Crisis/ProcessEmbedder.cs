using MatchChat.Language.Meaning;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// The one sentence-embedding model of this process (several hundred MB): loaded on first use, shared by every silo in
/// the process (tests host several) and by every feature that needs it (the crisis screen now, matching by meaning
/// later). At most one model call runs at a time, so the model never takes more than one core.
/// </summary>
public static class ProcessEmbedder
{
    private static readonly Lazy<MiniLmEmbedder> Model = new(() => new MiniLmEmbedder(maxConcurrentCalls: 1), LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITextEmbedder Instance => Model.Value;
}
