namespace MatchChat.Storage.Postgres;

/// <summary>The statements the message store runs against the table <c>messages</c>.</summary>
internal static class MessageSql
{
    /// <summary>The columns an append writes (a new row is never redacted).</summary>
    public const string InsertColumns = "channel, seq, sender_id, sender_handle, client_message_id, text, sent_at";

    /// <summary>The column order every statement selects and <see cref="MessageRows.ReadRow"/> reads.</summary>
    public const string Columns = InsertColumns + ", redacted";

    public const string Insert =
        "INSERT INTO messages (" + InsertColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

    /// <summary>
    /// Every row of a group commit in one statement: seven array parameters, one parse and plan for the batch instead of
    /// one per row. Answers the (channel, seq) of the rows it inserted; a row it skipped hit a unique key.
    /// </summary>
    public const string InsertMany =
        "INSERT INTO messages (" + InsertColumns + ") " +
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) " +
        "ON CONFLICT DO NOTHING RETURNING channel, seq";

    public const string FindByClientId =
        "SELECT " + Columns + " FROM messages WHERE channel = $1 AND sender_id = $2 AND client_message_id = $3";

    public const string ReadNewest =
        "SELECT " + Columns + " FROM (SELECT " + Columns + " FROM messages WHERE channel = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) AS page ORDER BY seq";

    public const string ReadOldest =
        "SELECT " + Columns + " FROM messages WHERE channel = $1 AND seq > $2 AND seq < $3 ORDER BY seq LIMIT $4";

    /// <summary>The stored maximum, or the retention job's floor when it erased the newest rows (seq never goes back).</summary>
    public const string MaxSeq =
        "SELECT GREATEST(COALESCE((SELECT MAX(seq) FROM messages WHERE channel = $1), 0), COALESCE((SELECT seq FROM channel_seq_floors WHERE channel = $1), 0))";
}
