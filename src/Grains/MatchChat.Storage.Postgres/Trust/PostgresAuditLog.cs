using MatchChat.Grains.Audit;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres.Trust;

/// <summary>The audit trail in the table <c>audit</c>: one row per moderator read, written in one statement per call.</summary>
public sealed class PostgresAuditLog(TrustDataSource source) : IAuditLog
{
    public async Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = source.DataSource.CreateCommand(
            "INSERT INTO audit (at, actor_id, actor_handle, action, report_id, channel) " +
            "SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => DateTime.SpecifyKind(e.At, DateTimeKind.Utc)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Texts(entries.Select(e => (string?)e.ActorId)));
        command.Parameters.Add(Texts(entries.Select(e => (string?)e.ActorHandle)));
        command.Parameters.Add(Texts(entries.Select(e => (string?)e.Action)));
        command.Parameters.Add(Texts(entries.Select(e => e.ReportId)));
        command.Parameters.Add(Texts(entries.Select(e => e.Channel)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand(
            "SELECT at, actor_id, actor_handle, action, report_id, channel FROM audit ORDER BY id DESC LIMIT $1");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditEntry(reader.GetFieldValue<DateTime>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
