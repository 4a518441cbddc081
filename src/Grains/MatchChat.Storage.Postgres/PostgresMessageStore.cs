using System.Data.Common;
using System.Threading.Channels;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// The message log in the PostgreSQL table <c>messages</c>, written through Npgsql.
/// With group commit (the default) one background writer collects appends from every channel and writes up to
/// <see cref="PostgresMessageStoreOptions.MaxBatchSize"/> rows, or what arrived within
/// <see cref="PostgresMessageStoreOptions.FlushWindow"/>, in one transaction; each caller's task completes only after
/// that transaction committed. Any failure to reach PostgreSQL or to confirm the commit surfaces as
/// <see cref="MessageStoreUnavailableException"/>.
/// </summary>
public sealed class PostgresMessageStore : IMessageStore, IAsyncDisposable, IDisposable
{
    private const string Columns = "channel, seq, sender_id, sender_handle, client_message_id, text, sent_at";

    private const string InsertSql =
        "INSERT INTO messages (" + Columns + ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

    private const string FindByClientIdSql =
        "SELECT " + Columns + " FROM messages WHERE channel = $1 AND sender_id = $2 AND client_message_id = $3";

    private const string ReadNewestSql =
        "SELECT " + Columns + " FROM (SELECT " + Columns + " FROM messages WHERE channel = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) AS page ORDER BY seq";

    private const string ReadOldestSql =
        "SELECT " + Columns + " FROM messages WHERE channel = $1 AND seq > $2 AND seq < $3 ORDER BY seq LIMIT $4";

    private const string MaxSeqSql = "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE channel = $1";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresMessageStoreOptions _options;
    private readonly ILogger _logger;
    private readonly int _commandTimeoutSeconds;
    private readonly Channel<PendingAppend>? _queue;
    private readonly Task[] _writers = [];

    /// <summary>A store over its own pooled data source built from <paramref name="connectionString"/>.</summary>
    public PostgresMessageStore(string connectionString, PostgresMessageStoreOptions? options = null, ILogger<PostgresMessageStore>? logger = null)
        : this(CreateDataSource(connectionString, options ?? PostgresMessageStoreOptions.Default), ownsDataSource: true, options, logger)
    {
    }

    /// <summary>A store over a data source the caller owns (and disposes).</summary>
    public PostgresMessageStore(NpgsqlDataSource dataSource, PostgresMessageStoreOptions? options = null, ILogger<PostgresMessageStore>? logger = null)
        : this(dataSource, ownsDataSource: false, options, logger)
    {
    }

    private PostgresMessageStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresMessageStoreOptions? options, ILogger<PostgresMessageStore>? logger)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options ?? PostgresMessageStoreOptions.Default;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _commandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds));
        if (_options.GroupCommit)
        {
            _queue = Channel.CreateUnbounded<PendingAppend>();
            _writers = Enumerable.Range(0, Math.Max(1, _options.ConcurrentBatches)).Select(_ => Task.Run(RunWriterAsync)).ToArray();
        }
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = Normalize(message);
        cancellationToken.ThrowIfCancellationRequested();

        if (_queue is null)
        {
            // As with group commit: once started the write runs to its end; cancelling only stops the waiting.
            var write = WriteWithRetryAsync([row], CancellationToken.None);
            return Unwrap((await write.WaitAsync(cancellationToken))[0]);
        }

        var pending = new PendingAppend(row);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new MessageStoreUnavailableException("The message store is shutting down.");
        }

        // Once queued the row is written whatever the caller does; cancelling only stops the waiting.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (limit <= 0)
        {
            return [];
        }

        return await WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandTimeout = _commandTimeoutSeconds;
            command.Parameters.Add(Text(channel));
            if (afterSeq is null)
            {
                command.CommandText = ReadNewestSql;
                command.Parameters.Add(Bigint(beforeSeq ?? long.MaxValue));
            }
            else
            {
                command.CommandText = ReadOldestSql;
                command.Parameters.Add(Bigint(afterSeq.Value));
                command.Parameters.Add(Bigint(beforeSeq ?? long.MaxValue));
            }

            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
            var rows = new List<StoredMessage>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(ReadRow(reader));
            }

            return (IReadOnlyList<StoredMessage>)rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(MaxSeqSql, connection) { CommandTimeout = _commandTimeoutSeconds };
            command.Parameters.Add(Text(channel));
            var value = await command.ExecuteScalarAsync(ct);
            return value is long max ? max : 0L;
        }, cancellationToken);
    }

    /// <summary>Stops taking appends, writes what is queued, then releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            _queue.Writer.TryComplete();
            await Task.WhenAll(_writers);
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>Stops taking appends without waiting; rows still in flight fail as unavailable. Prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        _queue?.Writer.TryComplete();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private async Task RunWriterAsync()
    {
        var reader = _queue!.Reader;
        var maxBatch = Math.Max(1, _options.MaxBatchSize);
        var batch = new List<PendingAppend>(maxBatch);
        try
        {
            while (await reader.WaitToReadAsync())
            {
                batch.Clear();
                await CollectBatchAsync(reader, batch, maxBatch);
                if (batch.Count > 0)
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
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(failure);
            }

            while (reader.TryRead(out var pending))
            {
                pending.Completion.TrySetException(failure);
            }
        }
    }

    private async Task CollectBatchAsync(ChannelReader<PendingAppend> reader, List<PendingAppend> batch, int maxBatch)
    {
        while (batch.Count < maxBatch && reader.TryRead(out var first))
        {
            batch.Add(first);
        }

        if (batch.Count == 0 || batch.Count >= maxBatch || _options.FlushWindow <= TimeSpan.Zero)
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

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        var rows = new StoredMessage[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            rows[i] = batch[i].Message;
        }

        RowOutcome[] outcomes;
        try
        {
            outcomes = await WriteWithRetryAsync(rows, CancellationToken.None);
        }
        catch (MessageStoreUnavailableException exception)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Result is { } result)
            {
                batch[i].Completion.TrySetResult(result);
            }
            else
            {
                batch[i].Completion.TrySetException(new MessageStoreUnavailableException(outcomes[i].Failure ?? "not stored"));
            }
        }
    }

    /// <summary>
    /// Writes the rows in one transaction. A lost connection is retried once on a fresh connection (safe: the write is
    /// idempotent by client message id). A row the server rejects is isolated so it cannot fail the others.
    /// Throws <see cref="MessageStoreUnavailableException"/> when no outcome is known.
    /// </summary>
    private async Task<RowOutcome[]> WriteWithRetryAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteTransactionAsync(rows, cancellationToken);
            }
            catch (Exception exception) when (rows.Count > 1 && PostgresErrors.IsRowSpecific(exception))
            {
                PostgresStorageLog.BatchSplit(_logger, rows.Count, PostgresErrors.Describe(exception));
                return await WriteOneByOneAsync(rows, cancellationToken);
            }
            catch (Exception exception) when (attempt == 1 && PostgresErrors.IsConnectivity(exception) && !cancellationToken.IsCancellationRequested)
            {
                PostgresStorageLog.BatchRetry(_logger, rows.Count, PostgresErrors.Describe(exception));
                _dataSource.Clear();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                PostgresStorageLog.BatchFailed(_logger, rows.Count, PostgresErrors.Describe(exception));
                if (PostgresErrors.IsConnectivity(exception))
                {
                    _dataSource.Clear();
                }

                throw new MessageStoreUnavailableException("PostgreSQL did not confirm the write.", exception);
            }
        }
    }

    private async Task<RowOutcome[]> WriteOneByOneAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                outcomes[i] = (await WriteWithRetryAsync([rows[i]], cancellationToken))[0];
            }
            catch (MessageStoreUnavailableException exception)
            {
                PostgresStorageLog.RowRejected(_logger, rows[i].Channel, rows[i].Seq, PostgresErrors.Describe(exception.InnerException ?? exception));
                outcomes[i] = RowOutcome.Failed("PostgreSQL rejected the message row.");
            }
        }

        return outcomes;
    }

    private async Task<RowOutcome[]> WriteTransactionAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var inserted = new bool[rows.Count];
        await using (var insert = new NpgsqlBatch(connection, transaction) { Timeout = _commandTimeoutSeconds })
        {
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                command.Parameters.Add(Text(row.Channel));
                command.Parameters.Add(Bigint(row.Seq));
                command.Parameters.Add(Text(row.SenderId));
                command.Parameters.Add(Text(row.SenderHandle));
                command.Parameters.Add(Text(row.ClientMessageId));
                command.Parameters.Add(Text(row.Text));
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = row.SentAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                insert.BatchCommands.Add(command);
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < rows.Count; i++)
            {
                inserted[i] = insert.BatchCommands[i].RecordsAffected == 1;
            }
        }

        var outcomes = new RowOutcome[rows.Count];
        var skipped = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (inserted[i])
            {
                outcomes[i] = RowOutcome.Of(new AppendResult(true, rows[i]));
            }
            else
            {
                skipped.Add(i);
            }
        }

        if (skipped.Count > 0)
        {
            await ResolveSkippedAsync(connection, transaction, rows, skipped, outcomes, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// A row that was not inserted either repeats a stored (channel, sender, client message id), and then the stored row is
    /// the answer, or found its seq taken by another message: that caller must re-read the max seq.
    /// </summary>
    private async Task ResolveSkippedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredMessage> rows, List<int> skipped, RowOutcome[] outcomes, CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlBatch(connection, transaction) { Timeout = _commandTimeoutSeconds };
        foreach (var index in skipped)
        {
            var command = new NpgsqlBatchCommand(FindByClientIdSql);
            command.Parameters.Add(Text(rows[index].Channel));
            command.Parameters.Add(Text(rows[index].SenderId));
            command.Parameters.Add(Text(rows[index].ClientMessageId));
            lookup.BatchCommands.Add(command);
        }

        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
        for (var k = 0; k < skipped.Count; k++)
        {
            if (k > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            var row = rows[skipped[k]];
            if (await reader.ReadAsync(cancellationToken))
            {
                // Same client message id: the stored row answers. If it sits at the offered seq it is this very
                // message, stored by an earlier attempt whose answer was lost, so the offered seq is used.
                var existing = ReadRow(reader);
                outcomes[skipped[k]] = RowOutcome.Of(new AppendResult(existing.Seq == row.Seq, existing));
            }
            else
            {
                PostgresStorageLog.RowRejected(_logger, row.Channel, row.Seq, "seq already taken by another message");
                outcomes[skipped[k]] = RowOutcome.Failed("seq already taken by another message; re-read the max seq");
            }
        }
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await work(connection, cancellationToken);
            }
            catch (Exception exception) when (attempt == 1 && PostgresErrors.IsConnectivity(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Typically a pooled connection that died with the server: drop the pool and try once more.
                _dataSource.Clear();
            }
            catch (Exception exception) when (exception is NpgsqlException || PostgresErrors.IsConnectivity(exception))
            {
                if (PostgresErrors.IsConnectivity(exception))
                {
                    _dataSource.Clear();
                }

                throw new MessageStoreUnavailableException("PostgreSQL did not answer.", exception);
            }
        }
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString, PostgresMessageStoreOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            // Fail fast when PostgreSQL is unreachable: the caller is a grain call with its own 30 s timeout.
            builder.Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds));
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static AppendResult Unwrap(RowOutcome outcome) =>
        outcome.Result ?? throw new MessageStoreUnavailableException(outcome.Failure ?? "not stored");

    private static StoredMessage Normalize(StoredMessage message)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(message.Seq, nameof(message));
        var utc = message.SentAt.Kind switch
        {
            DateTimeKind.Utc => message.SentAt,
            DateTimeKind.Local => message.SentAt.ToUniversalTime(),
            _ => DateTime.SpecifyKind(message.SentAt, DateTimeKind.Utc),
        };

        // PostgreSQL keeps microseconds; hand back exactly what a later read returns.
        var sentAt = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return message.SentAt.Kind == DateTimeKind.Utc && sentAt == message.SentAt ? message : message with { SentAt = sentAt };
    }

    private static StoredMessage ReadRow(NpgsqlDataReader reader) => new(
        Channel: reader.GetString(0),
        Seq: reader.GetInt64(1),
        SenderId: reader.GetString(2),
        SenderHandle: reader.GetString(3),
        ClientMessageId: reader.GetString(4),
        Text: reader.GetString(5),
        SentAt: reader.GetFieldValue<DateTime>(6));

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint };
}
