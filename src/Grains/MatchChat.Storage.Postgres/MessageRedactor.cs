using MatchChat.Grains.Messages;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Redacts one sender's messages for <see cref="IMessageStore.RedactSenderAsync"/>: in batches of <see cref="BatchSize"/>
/// rows, each its own short transaction (found through the unique key that leads with <c>sender_id</c>, migration 009),
/// so no batch holds row locks on the message table for long and channels keep taking appends meanwhile. The text is erased in the table itself
/// (<c>text = ''</c>); the row keeps its seq with <c>redacted = true</c>. Repeating it finds nothing left to do.
/// </summary>
internal sealed class MessageRedactor(NpgsqlDataSource dataSource, int commandTimeoutSeconds)
{
    public const int BatchSize = 1000;

    private const string RedactBatch =
        "WITH batch AS (SELECT channel, seq FROM messages WHERE sender_id = $1 AND NOT redacted LIMIT $2 FOR UPDATE) " +
        "UPDATE messages AS m SET text = '', redacted = true FROM batch WHERE m.channel = batch.channel AND m.seq = batch.seq";

    /// <summary>One message, by its primary key; answers the row as it now is (the text of a repeat is already empty).</summary>
    private const string RedactOne =
        "UPDATE messages SET text = '', redacted = true WHERE channel = $1 AND seq = $2 RETURNING " + MessageSql.Columns;

    public async Task<StoredMessage?> RedactMessageAsync(string channel, long seq, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(RedactOne, connection) { CommandTimeout = commandTimeoutSeconds };
            command.Parameters.Add(MessageRows.Text(channel));
            command.Parameters.Add(MessageRows.Bigint(seq));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? MessageRows.ReadRow(reader) : null;
        }
        catch (Exception exception) when (exception is NpgsqlException || PostgresErrors.IsConnectivity(exception))
        {
            if (PostgresErrors.IsConnectivity(exception))
            {
                dataSource.Clear();
            }

            throw new MessageStoreUnavailableException("PostgreSQL did not confirm the removal.", exception);
        }
    }

    public async Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(senderId);
        long total = 0;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            while (true)
            {
                await using var command = new NpgsqlCommand(RedactBatch, connection) { CommandTimeout = commandTimeoutSeconds };
                command.Parameters.Add(MessageRows.Text(senderId));
                command.Parameters.Add(MessageRows.Integer(BatchSize));
                var changed = await command.ExecuteNonQueryAsync(cancellationToken);
                total += changed;
                if (changed < BatchSize)
                {
                    return total;
                }
            }
        }
        catch (Exception exception) when (exception is NpgsqlException || PostgresErrors.IsConnectivity(exception))
        {
            if (PostgresErrors.IsConnectivity(exception))
            {
                dataSource.Clear();
            }

            // Batches already committed stay redacted; a retry finishes the rest.
            throw new MessageStoreUnavailableException("PostgreSQL did not finish the redaction.", exception);
        }
    }
}
