using MatchChat.Grains.Retention;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres.Trust;

/// <summary>
/// The retention job's deletes in the table <c>messages</c>. Every statement deletes at most a batch of rows and runs
/// in its own transaction (autocommit), found through the primary key <c>(channel, seq)</c>, so no statement holds
/// row locks for long and message inserts go on meanwhile. Conversations: through <c>conversation_endings</c>
/// (indexed by <c>ended_at</c>); rooms: per room channel, a seq range walked in batches.
/// </summary>
public sealed class PostgresRetentionStore(TrustDataSource source) : IRetentionStore
{
    /// <summary>Ended conversations taken per round.</summary>
    private const int ChannelsPerRound = 200;

    public async Task RecordConversationEndedAsync(string channel, DateTime endedAt, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand(
            "INSERT INTO conversation_endings (channel, ended_at) VALUES ($1, $2) ON CONFLICT (channel) DO NOTHING");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(channel));
        command.Parameters.Add(Time(endedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> EraseEndedConversationsAsync(DateTime endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        await using var connection = await source.DataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            var channels = new List<string>();
            await using (var select = new NpgsqlCommand(
                "SELECT channel FROM conversation_endings WHERE ended_at < $1 ORDER BY ended_at LIMIT $2", connection))
            {
                select.CommandTimeout = source.CommandTimeoutSeconds;
                select.Parameters.Add(Time(endedBefore));
                select.Parameters.Add(Integer(ChannelsPerRound));
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    channels.Add(reader.GetString(0));
                }
            }

            if (channels.Count == 0)
            {
                return erased;
            }

            var array = channels.ToArray();
            int deleted;
            do
            {
                await using var delete = new NpgsqlCommand(
                    "DELETE FROM messages WHERE ctid = ANY(ARRAY(SELECT ctid FROM messages WHERE channel = ANY($1) LIMIT $2))", connection);
                delete.CommandTimeout = source.CommandTimeoutSeconds;
                delete.Parameters.Add(new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                delete.Parameters.Add(Integer(batchSize));
                deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
                erased += deleted;
            }
            while (deleted >= batchSize);

            await using var done = new NpgsqlCommand("DELETE FROM conversation_endings WHERE channel = ANY($1)", connection);
            done.CommandTimeout = source.CommandTimeoutSeconds;
            done.Parameters.Add(new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await done.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<long> EraseRoomMessagesAsync(IReadOnlyList<string> roomChannels, DateTime sentBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        await using var connection = await source.DataSource.OpenConnectionAsync(cancellationToken);
        foreach (var channel in roomChannels)
        {
            // seq grows with sent_at within a channel; the bound is the newest row old enough, and every delete checks
            // sent_at again, so a row sent later is never taken.
            long? bound, low;
            await using (var range = new NpgsqlCommand(
                "SELECT (SELECT MAX(seq) FROM messages WHERE channel = $1 AND sent_at < $2), (SELECT MIN(seq) FROM messages WHERE channel = $1)", connection))
            {
                range.CommandTimeout = source.CommandTimeoutSeconds;
                range.Parameters.Add(Text(channel));
                range.Parameters.Add(Time(sentBefore));
                await using var reader = await range.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                bound = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                low = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }

            if (bound is null || low is null)
            {
                continue;
            }

            // First the floor, so a room whose every row goes still hands out seq above the erased ones.
            await using (var floor = new NpgsqlCommand(
                "INSERT INTO channel_seq_floors (channel, seq) VALUES ($1, $2) ON CONFLICT (channel) DO UPDATE SET seq = GREATEST(channel_seq_floors.seq, EXCLUDED.seq)", connection))
            {
                floor.CommandTimeout = source.CommandTimeoutSeconds;
                floor.Parameters.Add(Text(channel));
                floor.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bound.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                await floor.ExecuteNonQueryAsync(cancellationToken);
            }

            for (var from = low.Value; from <= bound.Value; from += batchSize)
            {
                await using var delete = new NpgsqlCommand(
                    "DELETE FROM messages WHERE channel = $1 AND seq >= $2 AND seq < $3 AND seq <= $4 AND sent_at < $5", connection);
                delete.CommandTimeout = source.CommandTimeoutSeconds;
                delete.Parameters.Add(Text(channel));
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from, NpgsqlDbType = NpgsqlDbType.Bigint });
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from + batchSize, NpgsqlDbType = NpgsqlDbType.Bigint });
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bound.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                delete.Parameters.Add(Time(sentBefore));
                erased += await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return erased;
    }

    private static NpgsqlParameter Text(string value) => new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Integer(int value) => new NpgsqlParameter<int> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer };

    private static NpgsqlParameter Time(DateTime value) =>
        new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
