using MatchChat.Grains.Messages;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres;

/// <summary>How a <see cref="StoredMessage"/> maps to a row of <c>messages</c> and its statement parameters.</summary>
internal static class MessageRows
{
    /// <summary>The message as PostgreSQL will hand it back: seq checked, sent-at in UTC with microsecond precision.</summary>
    public static StoredMessage Normalize(StoredMessage message)
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

    /// <summary>Reads the current row, selected as <see cref="MessageSql.Columns"/>.</summary>
    public static StoredMessage ReadRow(NpgsqlDataReader reader) => new(
        Channel: reader.GetString(0),
        Seq: reader.GetInt64(1),
        SenderId: reader.GetString(2),
        SenderHandle: reader.GetString(3),
        ClientMessageId: reader.GetString(4),
        Text: reader.GetString(5),
        SentAt: reader.GetFieldValue<DateTime>(6),
        Redacted: reader.GetBoolean(7));

    public static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter<int> Integer(int value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter<string[]> TextArray(string[] values) => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter<long[]> BigintArray(long[] values) => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    public static NpgsqlParameter<DateTime[]> TimestampTzArray(DateTime[] values) => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter<DateTime> TimestampTz(DateTime value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
