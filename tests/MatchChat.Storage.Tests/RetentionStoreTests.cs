using MatchChat.Storage.Postgres;
using MatchChat.Storage.Postgres.Trust;
using MatchChat.Tests.Retention;

namespace MatchChat.Storage.Tests;

/// <summary>The retention scenario (a fake clock; each of the three kinds, and 0 keeps) on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private PostgresMessageStore _messages = null!;
    private TrustDataSource _trust = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("retention");
        await PostgresMigrations.MigrateAsync(connectionString);
        _messages = new PostgresMessageStore(connectionString);
        _trust = new TrustDataSource(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _messages.DisposeAsync();
        await _trust.DisposeAsync();
    }

    private RetentionScenario Scenario() => new(_messages, new PostgresRetentionStore(_trust), new PostgresReportStore(_trust));

    [Fact]
    public Task Erases_each_kind_after_its_days_and_keeps_the_rest() => Scenario().Erases_each_kind_after_its_days_and_keeps_the_rest();

    [Fact]
    public Task Zero_days_keep_that_kind() => Scenario().Zero_days_keep_that_kind();
}
