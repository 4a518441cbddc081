using MatchChat.Storage.Postgres;
using Npgsql;

namespace MatchChat.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    private static readonly string[] OrleansQueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrations_are_idempotent()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");

        var first = await PostgresMigrations.MigrateAsync(connectionString);
        var second = await PostgresMigrations.MigrateAsync(connectionString);

        Assert.Equal(PostgresMigrations.ScriptNames, first);
        Assert.Empty(second);
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), await QueryKeysAsync(connectionString));
        Assert.Equal(PostgresMigrations.ScriptNames.Count, await ScalarAsync(connectionString, "SELECT count(*) FROM public.schemaversions"));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Two_starters_migrating_at_once_both_succeed()
    {
        var connectionString = await postgres.CreateDatabaseAsync("race");

        var starters = await Task.WhenAll(
            Task.Run(() => PostgresMigrations.MigrateAsync(connectionString)),
            Task.Run(() => PostgresMigrations.MigrateAsync(connectionString)),
            Task.Run(() => PostgresMigrations.MigrateAsync(connectionString)));

        // Exactly one starter applied the scripts; the others found the schema current.
        Assert.Single(starters, applied => applied.Count > 0);
        Assert.Equal(PostgresMigrations.ScriptNames, starters.Single(applied => applied.Count > 0));
        Assert.Equal(OrleansQueryKeys.Length, (await QueryKeysAsync(connectionString)).Count);
        Assert.Equal(PostgresMigrations.ScriptNames.Count, await ScalarAsync(connectionString, "SELECT count(*) FROM public.schemaversions"));
    }

    [Fact]
    public void Scripts_are_embedded_in_order()
    {
        Assert.Equal(
            [
                "MatchChat.Migrations.001_orleans_main.sql",
                "MatchChat.Migrations.002_orleans_clustering.sql",
                "MatchChat.Migrations.003_orleans_persistence.sql",
                "MatchChat.Migrations.004_orleans_reminders.sql",
                "MatchChat.Migrations.005_messages.sql",
                "MatchChat.Migrations.006_message_redaction.sql",
                "MatchChat.Migrations.007_reports_and_audit.sql",
                "MatchChat.Migrations.008_crisis_alerts.sql",
                "MatchChat.Migrations.009_messages_one_index_fewer.sql",
                "MatchChat.Migrations.010_no_statistics_on_member_text.sql",
            ],
            PostgresMigrations.ScriptNames);
    }

    [Fact]
    public async Task Health_probe_answers_true_for_a_live_server_and_false_for_none()
    {
        Assert.True(await PostgresHealth.PostgresAnswersAsync(postgres.AdminConnectionString, CancellationToken.None));
        var nowhere = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        Assert.False(await PostgresHealth.PostgresAnswersAsync(nowhere, CancellationToken.None));
    }

    private static async Task<List<string>> QueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    internal static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
