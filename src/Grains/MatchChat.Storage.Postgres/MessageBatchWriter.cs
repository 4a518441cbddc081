using System.Diagnostics;
using MatchChat.Contracts.Telemetry;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Writes a set of message rows in one transaction: one <c>INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING</c>
/// for all of them (a single row: a plain <c>INSERT</c>), committed as its own statement, then the rows that were not
/// inserted are resolved by reading what is stored. Used by the
/// group-commit writers and, one channel's rows at a time, by a store without group commit. A channel's rows stay gapless:
/// when a row repeats a stored message the channel's later rows move one seq down (<see cref="WriteOneByOneAsync"/>).
/// </summary>
internal sealed class MessageBatchWriter(NpgsqlDataSource dataSource, int commandTimeoutSeconds, ILogger logger, bool binaryCopy = false)
{
    /// <summary>
    /// Writes the rows in one transaction. A lost connection is retried once on a fresh connection (safe: the write is
    /// idempotent by client message id). A row the server rejects is isolated so it cannot fail the others.
    /// Throws <see cref="MessageStoreUnavailableException"/> when no outcome is known.
    /// </summary>
    public async Task<RowOutcome[]> WriteWithRetryAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteTransactionAsync(rows, cancellationToken);
            }
            catch (Exception exception) when (rows.Count > 1 && PostgresErrors.IsRowSpecific(exception))
            {
                PostgresStorageLog.BatchSplit(logger, rows.Count, PostgresErrors.Describe(exception));
                return await WriteOneByOneAsync(rows, cancellationToken);
            }
            catch (Exception exception) when (attempt == 1 && PostgresErrors.IsConnectivity(exception) && !cancellationToken.IsCancellationRequested)
            {
                PostgresStorageLog.BatchRetry(logger, rows.Count, PostgresErrors.Describe(exception));
                dataSource.Clear();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                PostgresStorageLog.BatchFailed(logger, rows.Count, PostgresErrors.Describe(exception));
                if (PostgresErrors.IsConnectivity(exception))
                {
                    dataSource.Clear();
                }

                throw new MessageStoreUnavailableException("PostgreSQL did not confirm the write.", exception);
            }
        }
    }

    /// <summary>
    /// Each row in its own transaction, in order. A channel stays gapless: after a row of a channel that repeats a stored
    /// message (not inserted) the channel's later rows are offered one seq lower, and after a row that could not be stored
    /// the channel's later rows are not tried.
    /// </summary>
    private async Task<RowOutcome[]> WriteOneByOneAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[rows.Count];
        Dictionary<string, long>? repeated = null;
        HashSet<string>? failed = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (failed?.Contains(row.Channel) == true)
            {
                outcomes[i] = RowOutcome.Failed("An earlier message of this channel was not stored.");
                continue;
            }

            var lower = repeated?.GetValueOrDefault(row.Channel) ?? 0;
            var offered = lower == 0 ? row : row with { Seq = row.Seq - lower };
            try
            {
                outcomes[i] = (await WriteWithRetryAsync([offered], cancellationToken))[0];
            }
            catch (MessageStoreUnavailableException exception)
            {
                PostgresStorageLog.RowRejected(logger, row.Channel, offered.Seq, PostgresErrors.Describe(exception.InnerException ?? exception));
                outcomes[i] = RowOutcome.Failed("PostgreSQL rejected the message row.");
            }

            if (outcomes[i].Result is null)
            {
                (failed ??= []).Add(row.Channel);
            }
            else if (!outcomes[i].Result!.Inserted)
            {
                (repeated ??= [])[row.Channel] = lower + 1;
            }
        }

        return outcomes;
    }

    private async Task<RowOutcome[]> WriteTransactionAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (binaryCopy && rows.Count > 1 && await TryCopyAsync(rows, cancellationToken))
        {
            var all = new RowOutcome[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                all[i] = RowOutcome.Of(new AppendResult(true, rows[i]));
            }

            MatchChatMetrics.StoreCommitted(rows.Count, Stopwatch.GetElapsedTime(started));
            return all;
        }

        var (outcomes, gapped) = await InsertAsync(rows, cancellationToken);
        if (outcomes is not null)
        {
            MatchChatMetrics.StoreCommitted(rows.Count, Stopwatch.GetElapsedTime(started));
            return outcomes;
        }

        // The statement would have left a gap in these channels; nothing was stored. The other channels' rows go
        // together again, these channels' rows one at a time (each part counts its own commits).
        var slow = new List<int>();
        var rest = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            (gapped!.Contains(rows[i].Channel) ? slow : rest).Add(i);
        }

        var merged = new RowOutcome[rows.Count];
        var restOutcomes = rest.Count == 0 ? [] : await WriteTransactionAsync(rest.ConvertAll(i => rows[i]), cancellationToken);
        var slowOutcomes = await WriteOneByOneAsync(slow.ConvertAll(i => rows[i]), cancellationToken);
        for (var k = 0; k < rest.Count; k++)
        {
            merged[rest[k]] = restOutcomes[k];
        }

        for (var k = 0; k < slow.Count; k++)
        {
            merged[slow[k]] = slowOutcomes[k];
        }

        return merged;
    }

    /// <summary>
    /// One statement for all rows. In autocommit it is its own transaction, committed (and, with PostgreSQL's default
    /// synchronous_commit, flushed to the WAL) before the server reports it ready: no BEGIN/COMMIT round trip. When a
    /// channel has several rows (a channel grain's batch) the statement runs in a transaction that is rolled back if it
    /// skipped one of them (the rows after it would sit one seq too high): then no outcomes, and those channels.
    /// </summary>
    private async Task<(RowOutcome[]? Outcomes, HashSet<string>? Gapped)> InsertAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var shared = rows.Count > 1 ? SharedChannels(rows) : null;
        await using var transaction = shared is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        bool[] inserted = rows.Count == 1
            ? [await InsertOneAsync(connection, rows[0], cancellationToken)]
            : await InsertManyAsync(connection, rows, cancellationToken);

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

        if (transaction is not null)
        {
            HashSet<string>? gapped = null;
            foreach (var i in skipped)
            {
                if (shared!.Contains(rows[i].Channel))
                {
                    (gapped ??= new HashSet<string>(StringComparer.Ordinal)).Add(rows[i].Channel);
                }
            }

            if (gapped is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (null, gapped);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (skipped.Count > 0)
        {
            await ResolveSkippedAsync(connection, rows, skipped, outcomes, cancellationToken);
        }

        return (outcomes, null);
    }

    /// <summary>The channels with more than one row here, or null when there are none.</summary>
    private static HashSet<string>? SharedChannels(IReadOnlyList<StoredMessage> rows)
    {
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        HashSet<string>? shared = null;
        foreach (var row in rows)
        {
            if (!seen.Add(row.Channel))
            {
                (shared ??= new HashSet<string>(StringComparer.Ordinal)).Add(row.Channel);
            }
        }

        return shared;
    }

    /// <summary>
    /// The batch in one binary <c>COPY</c> (<see cref="MessageCopy"/>): true when every row was stored; false when a row
    /// hit a unique key, and then nothing was stored and the caller writes the batch with <c>ON CONFLICT</c>.
    /// </summary>
    private async Task<bool> TryCopyAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await MessageCopy.CopyAsync(connection, rows, commandTimeoutSeconds, cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == MessageCopy.UniqueViolation)
        {
            PostgresStorageLog.CopyFellBack(logger, rows.Count);
            return false;
        }
    }

    private async Task<bool> InsertOneAsync(NpgsqlConnection connection, StoredMessage row, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(MessageSql.Insert, connection) { CommandTimeout = commandTimeoutSeconds };
        insert.Parameters.Add(MessageRows.Text(row.Channel));
        insert.Parameters.Add(MessageRows.Bigint(row.Seq));
        insert.Parameters.Add(MessageRows.Text(row.SenderId));
        insert.Parameters.Add(MessageRows.Text(row.SenderHandle));
        insert.Parameters.Add(MessageRows.Text(row.ClientMessageId));
        insert.Parameters.Add(MessageRows.Text(row.Text));
        insert.Parameters.Add(MessageRows.TimestampTz(row.SentAt));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// All rows in one <c>INSERT ... SELECT FROM unnest(arrays)</c> (<see cref="MessageSql.InsertMany"/>). Profiled in S3, one
    /// statement per row (seven parameters each, parsed and planned one by one) cost more CPU in Npgsql and in PostgreSQL
    /// than the commit itself. A row is inserted when its (channel, seq) comes back and no other row of the batch claims it.
    /// </summary>
    private async Task<bool[]> InsertManyAsync(NpgsqlConnection connection, IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var channels = new string[count];
        var seqs = new long[count];
        var senders = new string[count];
        var handles = new string[count];
        var clientIds = new string[count];
        var texts = new string[count];
        var sentAts = new DateTime[count];
        var byKey = new Dictionary<(string Channel, long Seq), int>(count);
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            (channels[i], seqs[i], senders[i], handles[i], clientIds[i], texts[i], sentAts[i]) =
                (row.Channel, row.Seq, row.SenderId, row.SenderHandle, row.ClientMessageId, row.Text, row.SentAt);

            // Two rows of one batch offering the same (channel, seq): the first in the batch is the one PostgreSQL keeps,
            // the other is resolved like any skipped row. (A channel grain has one append in flight, so this is rare.)
            byKey.TryAdd((row.Channel, row.Seq), i);
        }

        await using var insert = new NpgsqlCommand(MessageSql.InsertMany, connection) { CommandTimeout = commandTimeoutSeconds };
        insert.Parameters.Add(MessageRows.TextArray(channels));
        insert.Parameters.Add(MessageRows.BigintArray(seqs));
        insert.Parameters.Add(MessageRows.TextArray(senders));
        insert.Parameters.Add(MessageRows.TextArray(handles));
        insert.Parameters.Add(MessageRows.TextArray(clientIds));
        insert.Parameters.Add(MessageRows.TextArray(texts));
        insert.Parameters.Add(MessageRows.TimestampTzArray(sentAts));

        var inserted = new bool[count];
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (byKey.TryGetValue((reader.GetString(0), reader.GetInt64(1)), out var index))
            {
                inserted[index] = true;
            }
        }

        return inserted;
    }

    /// <summary>
    /// A row that was not inserted either repeats a stored (channel, sender, client message id), and then the stored row is
    /// the answer, or found its seq taken by another message: that caller must re-read the max seq.
    /// </summary>
    private async Task ResolveSkippedAsync(NpgsqlConnection connection, IReadOnlyList<StoredMessage> rows, List<int> skipped, RowOutcome[] outcomes, CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlBatch(connection) { Timeout = commandTimeoutSeconds };
        foreach (var index in skipped)
        {
            var command = new NpgsqlBatchCommand(MessageSql.FindByClientId);
            command.Parameters.Add(MessageRows.Text(rows[index].Channel));
            command.Parameters.Add(MessageRows.Text(rows[index].SenderId));
            command.Parameters.Add(MessageRows.Text(rows[index].ClientMessageId));
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
                var existing = MessageRows.ReadRow(reader);
                outcomes[skipped[k]] = RowOutcome.Of(new AppendResult(existing.Seq == row.Seq, existing));
            }
            else
            {
                PostgresStorageLog.RowRejected(logger, row.Channel, row.Seq, "seq already taken by another message");
                outcomes[skipped[k]] = RowOutcome.Failed("seq already taken by another message; re-read the max seq");
            }
        }
    }
}
