using MatchChat.Language.Meaning;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// The one sentence-embedding model of this process (several hundred MB): loaded on first use, shared by every silo in
/// the process (tests host several) and by every feature that needs it (the crisis screen now, matching by meaning
/// later). At most one model call runs at a time, so the model never takes more than one core, and it runs on its own
/// thread at nice <see cref="DefaultNice"/> (environment variable <c>MatchChat__Model__Nice</c>, 0–19; 0 = normal
/// priority): on a busy machine chat traffic comes first and the model reads with the CPU left over. On Linux the thread
/// also runs under <c>SCHED_IDLE</c> (only on a core nothing else wants; a waking relay thread preempts it at once) until a
/// call has waited <see cref="DefaultIdleWaitMs"/> ms (<c>MatchChat__Model__IdleWaitMs</c>; 0 = nice value only): that call
/// runs at the nice value, so a saturated machine slows the model down but never stops it.
/// </summary>
public static class ProcessEmbedder
{
    public const int DefaultNice = 10;

    public const int DefaultIdleWaitMs = 1000;

    /// <summary>The model's default share of one core: an eighth of the machine (a quarter of a core on 2 cores, a whole one from 8).</summary>
    public static double DefaultCoreShare => Math.Min(1, Environment.ProcessorCount / 8.0);

    private static readonly Lazy<MiniLmEmbedder> Model = new(() => new MiniLmEmbedder(maxConcurrentCalls: 1, nice: Nice(), idleUntilWaited: IdleWait(), coreShare: CoreShare()), LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITextEmbedder Instance => Model.Value;

    private static int Nice() =>
        int.TryParse(Environment.GetEnvironmentVariable("MatchChat__Model__Nice"), out var nice) && nice is >= 0 and <= 19
            ? nice
            : DefaultNice;

    private static TimeSpan? IdleWait()
    {
        var ms = int.TryParse(Environment.GetEnvironmentVariable("MatchChat__Model__IdleWaitMs"), out var value) && value is >= 0 and <= 60_000
            ? value
            : DefaultIdleWaitMs;
        return ms == 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    private static double CoreShare() =>
        double.TryParse(Environment.GetEnvironmentVariable("MatchChat__Model__CoreShare"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share)
        && share is >= 0.05 and <= 1
            ? share
            : DefaultCoreShare;
}
