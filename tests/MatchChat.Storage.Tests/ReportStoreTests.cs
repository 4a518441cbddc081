using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using MatchChat.Grains.Audit;
using MatchChat.Grains.Reports;
using MatchChat.Storage.Postgres;
using MatchChat.Storage.Postgres.Trust;
using Npgsql;

namespace MatchChat.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ReportStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private string _connectionString = "";
    private TrustDataSource _trust = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("reports");
        await PostgresMigrations.MigrateAsync(_connectionString);
        _trust = new TrustDataSource(_connectionString);
    }

    public async Task DisposeAsync() => await _trust.DisposeAsync();

    [Fact]
    public async Task A_report_keeps_its_evidence_the_first_filing_wins_and_it_resolves_once()
    {
        var store = new PostgresReportStore(_trust);
        var evidence = new[]
        {
            new Message("conversation:c1", 4, "Quiet-1", "first \"quoted\" words\nline two", T0, "m4"),
            new Message("conversation:c1", 5, "Loud-2", "ünïcödé 💬", T0.AddSeconds(1), "m5"),
        };
        var report = new StoredReport("r1", "reporter", "Quiet-1", "reported", "Loud-2", "conversation:c1", 5, "harassment", "why", T0, evidence);

        var stored = await store.AddAsync(report);
        var repeat = await store.AddAsync(report with { Category = "spam", Evidence = [] });

        Assert.Equal(evidence, stored.Evidence);
        Assert.Equal("harassment", repeat.Category);
        Assert.Equal(evidence, repeat.Evidence);
        Assert.Equal("open", repeat.Status);

        var resolution = new ReportResolution("warn", "be kind", "Mod-3", T0.AddHours(1), null);
        Assert.True(await store.ResolveAsync("r1", "moderator", resolution));
        Assert.False(await store.ResolveAsync("r1", "moderator", resolution with { Action = "none" }));
        Assert.False(await store.ResolveAsync("unknown", "moderator", resolution));
        var resolved = (await store.GetAsync("r1"))!;
        Assert.Equal("resolved", resolved.Status);
        Assert.Equal(resolution, resolved.Resolution);
        Assert.Null(await store.GetAsync("unknown"));
    }

    [Fact]
    public async Task Lists_newest_first_filtered_by_status_and_bounded()
    {
        var store = new PostgresReportStore(_trust);
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(new StoredReport($"r{i}", "reporter", "Quiet-1", null, null, "room:grief", i + 1, "spam", "", T0.AddMinutes(i), []));
        }

        await store.ResolveAsync("r3", "moderator", new ReportResolution("none", null, "Mod-3", T0, null));

        Assert.Equal(new[] { "r4", "r3", "r2", "r1", "r0" }, (await store.ListAsync(null, 10)).Select(r => r.ReportId));
        Assert.Equal(new[] { "r4", "r2" }, (await store.ListAsync("open", 2)).Select(r => r.ReportId));
        Assert.Equal(new[] { "r3" }, (await store.ListAsync("resolved", 10)).Select(r => r.ReportId));
    }

    [Fact]
    public async Task The_audit_table_gets_who_what_and_when_and_no_text()
    {
        var log = new PostgresAuditLog(_trust);
        await log.WriteAsync([
            new AuditEntry(T0, "moderator-id", "Mod-3", AuditActions.ReportEvidenceRead, "r1", "conversation:c1"),
            new AuditEntry(T0, "moderator-id", "Mod-3", AuditActions.ReportEvidenceRead, "r2", null),
        ]);

        var recent = await log.ReadRecentAsync(10);
        Assert.Equal(new[] { "r2", "r1" }, recent.Select(e => e.ReportId));
        Assert.All(recent, e => Assert.Equal(("moderator-id", "Mod-3", T0), (e.ActorId, e.ActorHandle, e.At)));

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var columns = new NpgsqlCommand("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'audit'", connection);
        Assert.Equal("id,at,actor_id,actor_handle,action,report_id,channel", await columns.ExecuteScalarAsync());
    }
}
