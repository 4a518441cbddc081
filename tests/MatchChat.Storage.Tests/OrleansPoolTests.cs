using MatchChat.Storage.Postgres;
using Npgsql;

namespace MatchChat.Storage.Tests;

/// <summary>
/// The pool Orleans' ADO.NET providers use (grain state, reminders, membership): they open a pooled connection per
/// operation, so a pooled connection must come back with its prepared statements and PostgreSQL's cached plans (no
/// <c>DISCARD ALL</c> on return), unless the operator's connection string says otherwise.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansPoolTests(PostgresFixture postgres)
{
    private const string Statement = "SELECT count(*) FROM orleansquery WHERE querykey = @key";

    [Fact]
    public async Task A_statement_run_once_per_pooled_open_is_prepared_once_and_stays_prepared()
    {
        var database = await postgres.CreateDatabaseAsync("orleanspool");
        await PostgresMigrations.MigrateAsync(database);
        var orleans = new PostgresConnectionBudget(database).For(PostgresUse.Orleans);

        // As Orleans does: open, one statement, close; many times on one pooled connection.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(1L, await RunOnceAsync(orleans));
        }

        await using var connection = new NpgsqlConnection(orleans);
        await connection.OpenAsync();
        await using var prepared = new NpgsqlCommand(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM orleansquery WHERE querykey%'", connection);
        Assert.Equal(1L, (long)(await prepared.ExecuteScalarAsync())!);
        NpgsqlConnection.ClearPool(connection);
    }

    [Fact]
    public async Task The_operator_s_own_settings_for_the_pools_are_kept_and_the_trust_pool_resets_its_sessions()
    {
        var operatorSays = new NpgsqlConnectionStringBuilder(
            new PostgresConnectionBudget("Host=db;Database=m;No Reset On Close=false;Max Auto Prepare=0").For(PostgresUse.Orleans));
        var byDefault = new NpgsqlConnectionStringBuilder(new PostgresConnectionBudget("Host=db;Database=m").For(PostgresUse.Orleans));
        var messages = new NpgsqlConnectionStringBuilder(new PostgresConnectionBudget("Host=db;Database=m").For(PostgresUse.Messages));
        var messagesOperatorSays = new NpgsqlConnectionStringBuilder(
            new PostgresConnectionBudget("Host=db;Database=m;No Reset On Close=false").For(PostgresUse.Messages));
        var trust = new NpgsqlConnectionStringBuilder(new PostgresConnectionBudget("Host=db;Database=m").For(PostgresUse.Trust));

        Assert.False(operatorSays.NoResetOnClose);
        Assert.Equal(0, operatorSays.MaxAutoPrepare);
        Assert.True(byDefault.NoResetOnClose);
        Assert.True(byDefault.MaxAutoPrepare > 0);
        Assert.True(messages.NoResetOnClose);
        Assert.True(messages.MaxAutoPrepare > 0);
        Assert.False(messagesOperatorSays.NoResetOnClose);
        Assert.True(messagesOperatorSays.MaxAutoPrepare > 0);
        Assert.False(trust.NoResetOnClose);
    }

    private static async Task<long> RunOnceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Statement, connection);
        command.Parameters.AddWithValue("key", "WriteToStorageKey");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
