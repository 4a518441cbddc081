using MatchChat.Contracts.Crisis;
using MatchChat.Grains.Crisis;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres.Trust;

/// <summary>Crisis alerts in the table <c>crisis_alerts</c> (migration 008), over the small trust pool.</summary>
public sealed class PostgresAlertStore(TrustDataSource source) : IAlertStore
{
    private const string Columns = "alert_id, handle, channel, seq, source, level, created_at, status, acknowledged_by, member_id, acknowledged_note, acknowledged_at";

    public async Task AddAsync(StoredAlert stored, CancellationToken cancellationToken = default)
    {
        var a = stored.Alert;
        await using var command = source.DataSource.CreateCommand(
            "INSERT INTO crisis_alerts (alert_id, member_id, handle, channel, seq, source, level, created_at, status) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (alert_id) DO NOTHING");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(a.AlertId));
        command.Parameters.Add(Text(stored.MemberId));
        command.Parameters.Add(Text(a.Handle));
        command.Parameters.Add(Text(a.Channel));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)a.Seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(Text(a.Source));
        command.Parameters.Add(Text(a.Level));
        command.Parameters.Add(Time(a.CreatedAt));
        command.Parameters.Add(Text(a.Status));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand(
            $"SELECT {Columns} FROM crisis_alerts WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, alert_id DESC LIMIT $2");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(status));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return (await ReadAll(command, cancellationToken)).Select(s => s.Alert).ToArray();
    }

    public async Task<StoredAlert?> GetAsync(string alertId, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand($"SELECT {Columns} FROM crisis_alerts WHERE alert_id = $1");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(alertId));
        return (await ReadAll(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(
        string alertId, string moderatorId, string moderatorHandle, string? note, DateTime at, CancellationToken cancellationToken = default)
    {
        await using (var update = source.DataSource.CreateCommand(
            "UPDATE crisis_alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_by_id = $3, acknowledged_note = $4, acknowledged_at = $5 " +
            $"WHERE alert_id = $1 AND status = 'open' RETURNING {Columns}"))
        {
            update.CommandTimeout = source.CommandTimeoutSeconds;
            update.Parameters.Add(Text(alertId));
            update.Parameters.Add(Text(moderatorHandle));
            update.Parameters.Add(Text(moderatorId));
            update.Parameters.Add(Text(note));
            update.Parameters.Add(Time(at));
            if ((await ReadAll(update, cancellationToken)).FirstOrDefault() is { } changed)
            {
                return new AcknowledgeOutcome(changed.Alert, true);
            }
        }

        return new AcknowledgeOutcome((await GetAsync(alertId, cancellationToken))?.Alert, false);
    }

    private static async Task<List<StoredAlert>> ReadAll(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<StoredAlert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var alert = new Alert(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTime>(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            rows.Add(new StoredAlert(alert, reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTime>(11)));
        }

        return rows;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTime value) =>
        new() { Value = DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
