using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres.GrainState;

/// <summary>
/// Group commit for grain state: writes from every grain of the process wait in one queue, and
/// <see cref="Writers"/> background writers each send what is queued (up to <see cref="MaxBatch"/> writes) as one
/// batch of <c>writetostorage</c> calls: one pooled connection, one round trip, one transaction, one commit for all of
/// them. A caller's task completes only after that commit, with the version PostgreSQL gave its row. One grain never
/// has two writes in flight (Orleans awaits each), so no batch holds two writes of one row, and a grain's writes commit
/// in order.
/// </summary>
/// <remarks>
/// Before: one pooled connection, one round trip and one commit per grain write, through Orleans' ADO.NET layer. In a
/// matching burst on PostgreSQL every request waited for a connection of the Orleans pool behind a queue of thousands
/// (docs/benchmarks.md, stop 24). A batch that PostgreSQL rejects because of one of its rows (a bad value) is written
/// again one write per transaction, so that row fails alone; a lost connection fails the whole batch, as it failed each
/// write before. The statement calls the schema's <c>writetostorage</c> function directly; the <c>OrleansQuery</c>
/// table's <c>WriteToStorageKey</c> text is not read (Orleans' provider still reads its own texts for reads and clears).
/// </remarks>
internal sealed class GrainStateBatches : IAsyncDisposable, IDisposable
{
    /// <summary>How many batches may be in flight at once: each holds one connection of the Orleans pool while it writes.</summary>
    public const int Writers = 2;

    /// <summary>The most writes in one transaction.</summary>
    public const int MaxBatch = 128;

    private const string Write =
        "SELECT newgrainstateversion FROM writetostorage($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private readonly string _connectionString;
    private readonly int _commandTimeoutSeconds;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _writers;

    public GrainStateBatches(string connectionString, ILogger logger, int commandTimeoutSeconds = 10)
    {
        _connectionString = connectionString;
        _commandTimeoutSeconds = commandTimeoutSeconds;
        _logger = logger;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Writes the row in the next batch; the version PostgreSQL answered (null: it wrote nothing for it).</summary>
    public Task<int?> WriteAsync(GrainStateRow row)
    {
        var pending = new Pending(row);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GrainStateBatches), "Grain state writes have stopped.");
        }

        return pending.Completion.Task;
    }

    /// <summary>Stops taking writes and waits until the writers wrote what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>Stops taking writes without waiting; the writers still write what is queued.</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var versions = await ExecuteAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(versions[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && PostgresErrors.IsRowSpecific(exception))
        {
            // Nothing of the batch was stored (one transaction): each write again on its own, so the bad one fails alone.
            GrainStateLog.BatchSplit(_logger, batch.Count, PostgresErrors.Describe(exception));
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            GrainStateLog.BatchFailed(_logger, batch.Count, PostgresErrors.Describe(exception));
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private async Task<int?[]> ExecuteAsync(List<Pending> batch)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();

        // No transaction is opened: PostgreSQL runs a batch sent with one Sync as one implicit transaction, committed
        // (and flushed, with the default synchronous_commit) before the last result arrives.
        await using var command = new NpgsqlBatch(connection) { Timeout = _commandTimeoutSeconds };
        foreach (var pending in batch)
        {
            var row = pending.Row;
            var call = new NpgsqlBatchCommand(Write);
            call.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.GrainIdHash, NpgsqlDbType = NpgsqlDbType.Integer });
            call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.GrainIdN0, NpgsqlDbType = NpgsqlDbType.Bigint });
            call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.GrainIdN1, NpgsqlDbType = NpgsqlDbType.Bigint });
            call.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.GrainTypeHash, NpgsqlDbType = NpgsqlDbType.Integer });
            call.Parameters.Add(new NpgsqlParameter { Value = row.GrainType, NpgsqlDbType = NpgsqlDbType.Varchar });
            call.Parameters.Add(new NpgsqlParameter { Value = (object?)row.KeyExtension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            call.Parameters.Add(new NpgsqlParameter { Value = row.ServiceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            call.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            call.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = row.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.BatchCommands.Add(call);
        }

        var versions = new int?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync();
            }

            versions[i] = await reader.ReadAsync() && !await reader.IsDBNullAsync(0) ? reader.GetInt32(0) : null;
        }

        // Each result arrives before the implicit transaction commits; closing reads on to PostgreSQL's "ready", which
        // it sends only after the commit (and throws if the commit failed).
        await reader.CloseAsync();
        return versions;
    }

    private sealed class Pending(GrainStateRow row)
    {
        public GrainStateRow Row { get; } = row;

        public TaskCompletionSource<int?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
