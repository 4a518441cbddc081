using System.Diagnostics;
using MatchChat.Contracts.Telemetry;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Writes a set of message rows in one transaction: one <c>INSERT ... ON CONFLICT DO NOTHING</c> per row in a single
/// <see cref="NpgsqlBatch"/>, then the rows that were not inserted are resolved, then <c>COMMIT</c>. Used by the
/// group-commit writers and, one row at a time, by a store without group commit.
/// </summary>
internal sealed class MessageBatchWriter(NpgsqlDataSource dataSource, int commandTimeoutSeconds, ILogger logger)
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
                PostgresStorageLog.RowRejected(logger, rows[i].Channel, rows[i].Seq, PostgresErrors.Describe(exception.InnerException ?? exception));
                outcomes[i] = RowOutcome.Failed("PostgreSQL rejected the message row.");
            }
        }

        return outcomes;
    }

    private async Task<RowOutcome[]> WriteTransactionAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var inserted = new bool[rows.Count];
        await using (var insert = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds })
        {
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(MessageSql.Insert);
                command.Parameters.Add(MessageRows.Text(row.Channel));
                command.Parameters.Add(MessageRows.Bigint(row.Seq));
                command.Parameters.Add(MessageRows.Text(row.SenderId));
                command.Parameters.Add(MessageRows.Text(row.SenderHandle));
                command.Parameters.Add(MessageRows.Text(row.ClientMessageId));
                command.Parameters.Add(MessageRows.Text(row.Text));
                command.Parameters.Add(MessageRows.TimestampTz(row.SentAt));
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
        MatchChatMetrics.StoreCommitted(rows.Count, Stopwatch.GetElapsedTime(started));
        return outcomes;
    }

    /// <summary>
    /// A row that was not inserted either repeats a stored (channel, sender, client message id), and then the stored row is
    /// the answer, or found its seq taken by another message: that caller must re-read the max seq.
    /// </summary>
    private async Task ResolveSkippedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredMessage> rows, List<int> skipped, RowOutcome[] outcomes, CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds };
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
