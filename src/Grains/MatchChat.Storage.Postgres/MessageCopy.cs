using MatchChat.Grains.Messages;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// The fast path of a group commit: all rows of a batch in one binary <c>COPY messages FROM STDIN</c>, in autocommit (its
/// own transaction, committed and flushed before PostgreSQL answers). <c>COPY</c> has no <c>ON CONFLICT</c>: a row that
/// repeats a stored (channel, seq) or (channel, sender, client message id) fails the whole statement with
/// <c>23505</c>, nothing of it is stored, and <see cref="MessageBatchWriter"/> writes the batch again with the
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> statement, which answers each row. Profiled in S3 (docs/benchmarks.md, stop
/// 19): the speculative insertion of <c>ON CONFLICT</c>, the <c>unnest</c> of seven arrays and the statement's parse and
/// plan were most of PostgreSQL's CPU per message.
/// </summary>
internal static class MessageCopy
{
    public const string UniqueViolation = "23505";

    private const string Copy = "COPY messages (" + MessageSql.InsertColumns + ") FROM STDIN (FORMAT BINARY)";

    /// <summary>Writes every row or none; throws <see cref="PostgresException"/> with <see cref="UniqueViolation"/> when a key is taken.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<StoredMessage> rows, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        importer.Timeout = TimeSpan.FromSeconds(commandTimeoutSeconds);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Channel, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Seq, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.SenderId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.SenderHandle, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ClientMessageId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Text, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.SentAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        // Returns after CommandComplete, which PostgreSQL sends only once the COPY's own transaction has committed.
        var written = await importer.CompleteAsync(cancellationToken);
        if (written != (ulong)rows.Count)
        {
            throw new InvalidOperationException($"COPY wrote {written} of {rows.Count} rows.");
        }
    }
}
