using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// The message log in the PostgreSQL table <c>messages</c>, written through Npgsql.
/// With group commit (the default) one background writer collects appends from every channel and writes up to
/// <see cref="PostgresMessageStoreOptions.MaxBatchSize"/> rows, or what arrived within
/// <see cref="PostgresMessageStoreOptions.FlushWindow"/>, in one transaction; each caller's task completes only after
/// that transaction committed. Any failure to reach PostgreSQL or to confirm the commit surfaces as
/// <see cref="MessageStoreUnavailableException"/>.
/// </summary>
/// <remarks>
/// This type wires the parts together and owns their lifetime: <see cref="GroupCommitQueue"/> batches appends,
/// <see cref="MessageBatchWriter"/> writes a transaction, <see cref="MessageReader"/> serves the reads.
/// </remarks>
public sealed class PostgresMessageStore : IMessageStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly MessageBatchWriter _writer;
    private readonly MessageReader _reader;
    private readonly MessageRedactor _redactor;
    private readonly GroupCommitQueue? _queue;

    /// <summary>A store over its own pooled data source built from <paramref name="connectionString"/>.</summary>
    public PostgresMessageStore(string connectionString, PostgresMessageStoreOptions? options = null, ILogger<PostgresMessageStore>? logger = null)
        : this(MessageDataSource.Create(connectionString, options ?? PostgresMessageStoreOptions.Default), ownsDataSource: true, options, logger)
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
        options ??= PostgresMessageStoreOptions.Default;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        var commandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        _writer = new MessageBatchWriter(dataSource, commandTimeoutSeconds, log, options.BinaryCopy);
        _reader = new MessageReader(dataSource, commandTimeoutSeconds);
        _redactor = new MessageRedactor(dataSource, commandTimeoutSeconds);
        if (options.GroupCommit)
        {
            _queue = new GroupCommitQueue(_writer, options, log);
        }
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = MessageRows.Normalize(message);
        cancellationToken.ThrowIfCancellationRequested();

        if (_queue is null)
        {
            // As with group commit: once started the write runs to its end; cancelling only stops the waiting.
            var write = _writer.WriteWithRetryAsync([row], CancellationToken.None);
            return Unwrap((await write.WaitAsync(cancellationToken))[0]);
        }

        return Unwrap((await _queue.AppendAsync([row], cancellationToken))[0]);
    }

    /// <inheritdoc />
    /// <remarks>The rows travel together: in one group-commit transaction (or, without group commit, one of their own).</remarks>
    public async Task<AppendResult?[]> AppendBatchAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var normalized = new StoredMessage[rows.Count];
        for (var i = 0; i < normalized.Length; i++)
        {
            normalized[i] = MessageRows.Normalize(rows[i]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var results = new AppendResult?[normalized.Length];
        if (normalized.Length == 0)
        {
            return results;
        }

        try
        {
            var outcomes = _queue is null
                ? await _writer.WriteWithRetryAsync(normalized, CancellationToken.None).WaitAsync(cancellationToken)
                : await _queue.AppendAsync(normalized, cancellationToken);
            for (var i = 0; i < results.Length && outcomes[i].Result is { } result; i++)
            {
                results[i] = result;
            }
        }
        catch (MessageStoreUnavailableException)
        {
            // No outcome is known for any of them.
        }

        return results;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(channel, afterSeq, beforeSeq, limit, cancellationToken);

    /// <inheritdoc />
    public Task<StoredMessage?> FindAsync(string channel, string senderId, string clientMessageId, CancellationToken cancellationToken = default) =>
        _reader.FindAsync(channel, senderId, clientMessageId, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default) =>
        _reader.GetMaxSeqAsync(channel, cancellationToken);

    /// <inheritdoc />
    public Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default) =>
        _redactor.RedactSenderAsync(senderId, cancellationToken);

    /// <inheritdoc />
    public Task<StoredMessage?> RedactMessageAsync(string channel, long seq, CancellationToken cancellationToken = default) =>
        _redactor.RedactMessageAsync(channel, seq, cancellationToken);

    /// <summary>Stops taking appends, writes what is queued, then releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.CompleteAndDrainAsync();
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>Stops taking appends without waiting; rows still in flight fail as unavailable. Prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        _queue?.Complete();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private static AppendResult Unwrap(RowOutcome outcome) =>
        outcome.Result ?? throw new MessageStoreUnavailableException(outcome.Failure ?? "not stored");
}
