using System.Threading.Channels;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Group commit: appends from every channel wait in one queue; <see cref="PostgresMessageStoreOptions.ConcurrentBatches"/>
/// background writers each take up to <see cref="PostgresMessageStoreOptions.MaxBatchSize"/> rows, or what arrived within
/// <see cref="PostgresMessageStoreOptions.FlushWindow"/>, and write them in one transaction. A caller's task completes only
/// after that transaction committed.
/// </summary>
internal sealed class GroupCommitQueue
{
    private readonly MessageBatchWriter _writer;
    private readonly PostgresMessageStoreOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task[] _writers;

    /// <summary>Starts the background writers.</summary>
    public GroupCommitQueue(MessageBatchWriter writer, PostgresMessageStoreOptions options, ILogger logger)
    {
        _writer = writer;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateUnbounded<PendingAppend>();
        _writers = Enumerable.Range(0, Math.Max(1, _options.ConcurrentBatches)).Select(_ => Task.Run(RunWriterAsync)).ToArray();
    }

    /// <summary>Queues one channel's (normalized) rows and waits for the commit of the transaction that carries them.</summary>
    public async Task<RowOutcome[]> AppendAsync(StoredMessage[] rows, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(rows);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new MessageStoreUnavailableException("The message store is shutting down.");
        }

        // Once queued the rows are written whatever the caller does; cancelling only stops the waiting.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking appends; the writers still write what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops taking appends and waits until the writers wrote what is queued.</summary>
    public Task CompleteAndDrainAsync()
    {
        Complete();
        return Task.WhenAll(_writers);
    }

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var maxBatch = Math.Max(1, _options.MaxBatchSize);
        var batch = new Batch(maxBatch);
        try
        {
            while (await reader.WaitToReadAsync())
            {
                batch.Clear();
                await CollectBatchAsync(reader, batch, maxBatch);
                if (batch.Appends.Count > 0)
                {
                    await WriteBatchAsync(batch);
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: WriteBatchAsync completes every waiter itself. Never leave a caller hanging.
            PostgresStorageLog.WriterCrashed(_logger, exception.GetType().Name);
            _queue.Writer.TryComplete(exception);
            var failure = new MessageStoreUnavailableException("The message writer stopped.", exception);
            foreach (var pending in batch.Appends)
            {
                pending.Completion.TrySetException(failure);
            }

            while (reader.TryRead(out var pending))
            {
                pending.Completion.TrySetException(failure);
            }
        }
    }

    private async Task CollectBatchAsync(ChannelReader<PendingAppend> reader, Batch batch, int maxBatch)
    {
        while (batch.Count < maxBatch && reader.TryRead(out var first))
        {
            batch.Add(first);
        }

        if (batch.Appends.Count == 0 || batch.Count >= maxBatch || _options.FlushWindow <= TimeSpan.Zero)
        {
            return;
        }

        // Give other channels a flush window to join this transaction, but leave as soon as the batch is full.
        var window = Task.Delay(_options.FlushWindow);
        while (batch.Count < maxBatch)
        {
            var more = reader.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(window, more) == window || !await more)
            {
                break;
            }

            while (batch.Count < maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }
        }

        while (batch.Count < maxBatch && reader.TryRead(out var late))
        {
            batch.Add(late);
        }
    }

    private async Task WriteBatchAsync(Batch batch)
    {
        var rows = batch.Rows.ToArray();
        RowOutcome[] outcomes;
        try
        {
            outcomes = await _writer.WriteWithRetryAsync(rows, CancellationToken.None);
        }
        catch (MessageStoreUnavailableException exception)
        {
            foreach (var pending in batch.Appends)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        var offset = 0;
        foreach (var pending in batch.Appends)
        {
            pending.Completion.TrySetResult(outcomes.AsSpan(offset, pending.Rows.Length).ToArray());
            offset += pending.Rows.Length;
        }
    }

    /// <summary>The appends one writer collected, and their rows in order (a channel's rows stay together).</summary>
    private sealed class Batch(int capacity)
    {
        public List<PendingAppend> Appends { get; } = new(capacity);

        public List<StoredMessage> Rows { get; } = new(capacity);

        /// <summary>Rows so far; an append of several rows may take a batch past its maximum once.</summary>
        public int Count => Rows.Count;

        public void Add(PendingAppend pending)
        {
            Appends.Add(pending);
            Rows.AddRange(pending.Rows);
        }

        public void Clear()
        {
            Appends.Clear();
            Rows.Clear();
        }
    }
}
