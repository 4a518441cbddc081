using System.Text.Json;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using MatchChat.Grains.Reports;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Storage.Postgres.Trust;

/// <summary>Reports in the table <c>reports</c>; the evidence is a jsonb copy of the messages, taken at filing time.</summary>
public sealed class PostgresReportStore(TrustDataSource source) : IReportStore
{
    private const string Columns =
        "report_id, reporter_id, reporter_handle, reported_id, reported_handle, channel, seq, category, reason, created_at, evidence, status, " +
        "resolution_action, resolution_note, resolved_by_handle, resolved_at, resolution_minutes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredReport?> GetAsync(string reportId, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand($"SELECT {Columns} FROM reports WHERE report_id = $1");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(reportId));
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<StoredReport> AddAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        await using (var insert = source.DataSource.CreateCommand(
            "INSERT INTO reports (report_id, reporter_id, reporter_handle, reported_id, reported_handle, channel, seq, category, reason, created_at, evidence) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (report_id) DO NOTHING"))
        {
            insert.CommandTimeout = source.CommandTimeoutSeconds;
            insert.Parameters.Add(Text(report.ReportId));
            insert.Parameters.Add(Text(report.ReporterId));
            insert.Parameters.Add(Text(report.ReporterHandle));
            insert.Parameters.Add(Text(report.ReportedId));
            insert.Parameters.Add(Text(report.ReportedHandle));
            insert.Parameters.Add(Text(report.Channel));
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)report.Seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(Text(report.Category));
            insert.Parameters.Add(Text(report.Reason));
            insert.Parameters.Add(Time(report.CreatedAt));
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(report.Evidence, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(report.ReportId, cancellationToken) ?? throw new InvalidOperationException("The report was not stored.");
    }

    public async Task<IReadOnlyList<StoredReport>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand(
            $"SELECT {Columns} FROM reports WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, report_id LIMIT $2");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(status));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<bool> ResolveAsync(string reportId, string moderatorId, ReportResolution resolution, CancellationToken cancellationToken = default)
    {
        await using var command = source.DataSource.CreateCommand(
            "UPDATE reports SET status = 'resolved', resolution_action = $2, resolution_note = $3, resolution_minutes = $4, " +
            "resolved_by_id = $5, resolved_by_handle = $6, resolved_at = $7 WHERE report_id = $1 AND status = 'open'");
        command.CommandTimeout = source.CommandTimeoutSeconds;
        command.Parameters.Add(Text(reportId));
        command.Parameters.Add(Text(resolution.Action));
        command.Parameters.Add(Text(resolution.Note));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)resolution.Minutes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(Text(moderatorId));
        command.Parameters.Add(Text(resolution.ResolvedBy));
        command.Parameters.Add(Time(resolution.ResolvedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<long> EraseEvidenceAsync(DateTime createdBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        while (true)
        {
            await using var command = source.DataSource.CreateCommand(
                "UPDATE reports SET evidence = '[]'::jsonb, evidence_erased_at = now() WHERE report_id IN " +
                "(SELECT report_id FROM reports WHERE evidence_erased_at IS NULL AND created_at < $1 LIMIT $2)");
            command.CommandTimeout = source.CommandTimeoutSeconds;
            command.Parameters.Add(Time(createdBefore));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize, NpgsqlDbType = NpgsqlDbType.Integer });
            var count = await command.ExecuteNonQueryAsync(cancellationToken);
            erased += count;
            if (count < batchSize)
            {
                return erased;
            }
        }
    }

    private static async Task<IReadOnlyList<StoredReport>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<StoredReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var resolution = reader.IsDBNull(12)
                ? null
                : new ReportResolution(reader.GetString(12), Nullable(13), reader.GetString(14), reader.GetFieldValue<DateTime>(15),
                    reader.IsDBNull(16) ? null : reader.GetInt32(16));
            rows.Add(new StoredReport(
                ReportId: reader.GetString(0),
                ReporterId: reader.GetString(1),
                ReporterHandle: reader.GetString(2),
                ReportedId: Nullable(3),
                ReportedHandle: Nullable(4),
                Channel: reader.GetString(5),
                Seq: reader.IsDBNull(6) ? null : reader.GetInt64(6),
                Category: reader.GetString(7),
                Reason: reader.GetString(8),
                CreatedAt: reader.GetFieldValue<DateTime>(9),
                Evidence: JsonSerializer.Deserialize<Message[]>(reader.GetString(10), Json) ?? [],
                Status: reader.GetString(11),
                Resolution: resolution));
        }

        return rows;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTime value) =>
        new() { Value = DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
