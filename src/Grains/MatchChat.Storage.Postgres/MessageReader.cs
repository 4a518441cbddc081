using MatchChat.Grains.Messages;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// The read side of <see cref="PostgresMessageStore"/>: history pages and the max seq of a channel. Each read retries
/// once on a fresh connection; after that any Npgsql failure surfaces as <see cref="MessageStoreUnavailableException"/>.
/// </summary>
internal sealed class MessageReader(NpgsqlDataSource dataSource, int commandTimeoutSeconds)
{
    public async Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (limit <= 0)
        {
            return [];
        }

        return await WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandTimeout = commandTimeoutSeconds;
            command.Parameters.Add(MessageRows.Text(channel));
            if (afterSeq is null)
            {
                command.CommandText = MessageSql.ReadNewest;
                command.Parameters.Add(MessageRows.Bigint(beforeSeq ?? long.MaxValue));
            }
            else
            {
                command.CommandText = MessageSql.ReadOldest;
                command.Parameters.Add(MessageRows.Bigint(afterSeq.Value));
                command.Parameters.Add(MessageRows.Bigint(beforeSeq ?? long.MaxValue));
            }

            command.Parameters.Add(MessageRows.Integer(limit));
            var rows = new List<StoredMessage>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(MessageRows.ReadRow(reader));
            }

            return (IReadOnlyList<StoredMessage>)rows;
        }, cancellationToken);
    }

    public Task<StoredMessage?> FindAsync(string channel, string senderId, string clientMessageId, CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(MessageSql.FindByClientId, connection) { CommandTimeout = commandTimeoutSeconds };
            command.Parameters.Add(MessageRows.Text(channel));
            command.Parameters.Add(MessageRows.Text(senderId));
            command.Parameters.Add(MessageRows.Text(clientMessageId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? MessageRows.ReadRow(reader) : (StoredMessage?)null;
        }, cancellationToken);

    public Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WithConnectionAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(MessageSql.MaxSeq, connection) { CommandTimeout = commandTimeoutSeconds };
            command.Parameters.Add(MessageRows.Text(channel));
            var value = await command.ExecuteScalarAsync(ct);
            return value is long max ? max : 0L;
        }, cancellationToken);
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await work(connection, cancellationToken);
            }
            catch (Exception exception) when (attempt == 1 && PostgresErrors.IsConnectivity(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Typically a pooled connection that died with the server: drop the pool and try once more.
                dataSource.Clear();
            }
            catch (Exception exception) when (exception is NpgsqlException || PostgresErrors.IsConnectivity(exception))
            {
                if (PostgresErrors.IsConnectivity(exception))
                {
                    dataSource.Clear();
                }

                throw new MessageStoreUnavailableException("PostgreSQL did not answer.", exception);
            }
        }
    }
}
