using System.Text;
using MatchChat.Storage.Postgres;
using Npgsql;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

/// <summary>
/// Migration 010: PostgreSQL's ANALYZE (which autovacuum runs by itself) copies sample values of each column into
/// <c>pg_statistic</c>, where neither deletion's redaction nor the retention job reaches them. What members and
/// moderators type must not be among them: message texts, report reasons and evidence, moderators' notes, grain state.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StatisticsPrivacyTests(PostgresFixture postgres) : IAsyncLifetime
{
    /// <summary>Written often enough to be one of a column's most common values whenever the column is sampled.</summary>
    private const string Typed = "my brother died in march and I cannot sleep";

    private const string Migration010 = "MatchChat.Migrations.010_no_statistics_on_member_text.sql";

    private string _connectionString = "";
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("stats");
        await PostgresMigrations.MigrateAsync(_connectionString);
        _database = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task What_members_and_moderators_type_is_not_copied_into_postgresql_statistics()
    {
        await FillAsync();

        await ExecuteAsync("ANALYZE");

        Assert.Empty(await CopiesAsync());
        // ANALYZE did sample these tables (so the check above could fail): the channels are among messages' common values.
        Assert.Contains("conversation:stats-0", await CommonValuesAsync("messages", "channel"));
    }

    [Fact]
    public async Task Statistics_gathered_before_the_migration_are_dropped_by_it()
    {
        await FillAsync();
        await ExecuteAsync(
            "ALTER TABLE messages ALTER COLUMN text SET STATISTICS -1; ALTER TABLE reports ALTER COLUMN reason SET STATISTICS -1; " +
            "ALTER TABLE reports ALTER COLUMN evidence SET STATISTICS -1; ALTER TABLE reports ALTER COLUMN resolution_note SET STATISTICS -1; " +
            "ALTER TABLE crisis_alerts ALTER COLUMN acknowledged_note SET STATISTICS -1; ALTER TABLE orleansstorage ALTER COLUMN payloadbinary SET STATISTICS -1; " +
            "ANALYZE");
        var before = await CopiesAsync();
        Assert.Equal(
            ["crisis_alerts.acknowledged_note", "messages.text", "orleansstorage.payloadbinary", "reports.evidence", "reports.reason", "reports.resolution_note"],
            before);

        const string Files = "SELECT array_agg(pg_relation_filenode(t) ORDER BY t)::text FROM unnest(ARRAY['messages', 'reports', 'crisis_alerts', 'orleansstorage']::regclass[]) AS t";
        var files = await ScalarObjectAsync(Files);
        await ExecuteAsync("BEGIN; " + await ScriptAsync(Migration010) + " COMMIT;");
        Assert.Empty(await CopiesAsync());
        Assert.Equal(files, await ScalarObjectAsync(Files)); // no table was rewritten

        await ExecuteAsync("ANALYZE");
        Assert.Empty(await CopiesAsync());
        Assert.Equal(400L, await ScalarAsync("SELECT count(*) FROM messages WHERE text = $1", Typed));
    }

    /// <summary>
    /// A column added later that holds text is sampled unless someone decides otherwise: every text, jsonb and bytea column
    /// still sampled must be one that holds ids, handles, channel names or fixed words, never what people type.
    /// </summary>
    [Fact]
    public async Task Only_columns_of_ids_handles_and_fixed_words_are_sampled()
    {
        const string Sampled =
            "SELECT c.relname || '.' || a.attname FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid " +
            "JOIN pg_namespace AS n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget <> 0 " +
            "AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'json'::regtype, 'bytea'::regtype) ORDER BY 1";

        Assert.Equal(SampledColumns, await ColumnsAsync(Sampled));
    }

    /// <summary>Read and checked one by one: identifiers, generated handles, channel names and room slugs, fixed lists.</summary>
    private static readonly string[] SampledColumns =
    [
        "audit.action", "audit.actor_handle", "audit.actor_id", "audit.channel", "audit.report_id",
        "channel_seq_floors.channel", "conversation_endings.channel",
        "crisis_alerts.acknowledged_by", "crisis_alerts.acknowledged_by_id", "crisis_alerts.alert_id", "crisis_alerts.channel",
        "crisis_alerts.handle", "crisis_alerts.level", "crisis_alerts.member_id", "crisis_alerts.source", "crisis_alerts.status",
        "messages.channel", "messages.client_message_id", "messages.sender_handle", "messages.sender_id",
        "orleansmembershiptable.address", "orleansmembershiptable.deploymentid", "orleansmembershiptable.hostname",
        "orleansmembershiptable.siloname", "orleansmembershiptable.suspecttimes", "orleansmembershipversiontable.deploymentid",
        "orleansquery.querykey", "orleansquery.querytext",
        "orleansreminderstable.grainid", "orleansreminderstable.remindername", "orleansreminderstable.serviceid",
        "orleansstorage.grainidextensionstring", "orleansstorage.graintypestring", "orleansstorage.serviceid",
        "reports.category", "reports.channel", "reports.report_id", "reports.reported_handle", "reports.reported_id",
        "reports.reporter_handle", "reports.reporter_id", "reports.resolution_action", "reports.resolved_by_handle",
        "reports.resolved_by_id", "reports.status",
        "schemaversions.scriptname",
    ];

    /// <summary>Rows as the stores write them, the typed sentence in every column that holds typed text.</summary>
    private async Task FillAsync()
    {
        await using (var store = new PostgresMessageStore(_connectionString))
        {
            for (var channel = 0; channel < 8; channel++)
            {
                var rows = Enumerable.Range(1, 200)
                    .Select(seq => Message($"conversation:stats-{channel}", seq, text: seq % 4 == 0 ? Typed : $"message {seq} of {channel}"))
                    .ToArray();
                await store.AppendBatchAsync(rows);
            }
        }

        var payload = "\\x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes("{\"note\":\"" + Typed + "\"}"));
        await ExecuteAsync(
            "INSERT INTO reports (report_id, reporter_id, reporter_handle, channel, category, reason, created_at, evidence, resolution_note) " +
            $"SELECT 'r' || i, 'reporter', 'Quiet-1', 'conversation:stats-0', 'harassment', '{Typed}', now(), " +
            $"jsonb_build_array(jsonb_build_object('text', '{Typed}')), '{Typed}' FROM generate_series(1, 60) AS i; " +
            "INSERT INTO crisis_alerts (alert_id, member_id, handle, source, level, created_at, status, acknowledged_note) " +
            $"SELECT 'a' || i, 'member', 'Quiet-1', 'message', 'crisis', now(), 'acknowledged', '{Typed}' FROM generate_series(1, 60) AS i; " +
            "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version) " +
            $"SELECT i, i, i, 7, 'member', 'm' || i, 'matchchat', '{payload}'::bytea, now(), 1 FROM generate_series(1, 60) AS i");
    }

    /// <summary>The columns (table.column) whose statistics hold the typed sentence, as text or (bytea) as hexadecimal.</summary>
    private Task<List<string>> CopiesAsync() => ColumnsAsync(
        "SELECT tablename || '.' || attname FROM pg_stats, " +
        "LATERAL (SELECT coalesce(most_common_vals::text, '') || coalesce(histogram_bounds::text, '') AS sampled) AS s " +
        "WHERE schemaname = 'public' AND (sampled LIKE '%' || $1 || '%' OR sampled LIKE '%' || $2 || '%') ORDER BY 1",
        "brother died in march",
        Convert.ToHexStringLower(Encoding.UTF8.GetBytes("brother died in march")));

    private async Task<List<string>> ColumnsAsync(string sql, params string[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private async Task<string> CommonValuesAsync(string table, string column) =>
        (string?)await ScalarObjectAsync($"SELECT most_common_vals::text FROM pg_stats WHERE tablename = '{table}' AND attname = '{column}'") ?? "";

    private async Task<long> ScalarAsync(string sql, params string[] parameters) => (long)(await ScalarObjectAsync(sql, parameters))!;

    private async Task<object?> ScalarObjectAsync(string sql, params string[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A command on its own connection from the test's pool, with positional parameters ($1, $2...).</summary>
    private NpgsqlCommand Command(string sql, params string[] parameters)
    {
        var command = _database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return command;
    }

    private static async Task<string> ScriptAsync(string name)
    {
        await using var stream = typeof(PostgresMigrations).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(name + " is not embedded");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
