using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using Npgsql;
using Xunit.Abstractions;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MessageStoreTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private string _connectionString = "";
    private PostgresMessageStore _store = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("store");
        await PostgresMigrations.MigrateAsync(_connectionString);
        _store = new PostgresMessageStore(_connectionString);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Append_then_read_back_in_seq_order()
    {
        for (var seq = 1; seq <= 5; seq++)
        {
            var result = await _store.AppendAsync(Message("conv:1", seq));
            Assert.True(result.Inserted);
            Assert.Equal(Message("conv:1", seq), result.Message);
        }

        var rows = await _store.ReadAsync("conv:1", afterSeq: null, beforeSeq: null, limit: 100);

        Assert.Equal(Enumerable.Range(1, 5).Select(seq => Message("conv:1", seq)), rows);
        Assert.All(rows, row => Assert.Equal(DateTimeKind.Utc, row.SentAt.Kind));
        Assert.Empty(await _store.ReadAsync("conv:other", null, null, 100));
    }

    [Fact]
    public async Task Sent_at_is_stored_as_utc_with_microsecond_precision_whatever_the_kind()
    {
        var utc = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);
        var unspecified = await _store.AppendAsync(Message("conv:time", 1) with { SentAt = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) });
        var local = await _store.AppendAsync(Message("conv:time", 2) with { SentAt = utc.ToLocalTime() });

        var expected = utc.AddTicks(-7);
        Assert.Equal(expected, unspecified.Message.SentAt);
        Assert.Equal(DateTimeKind.Utc, unspecified.Message.SentAt.Kind);
        Assert.Equal(expected, local.Message.SentAt);
        var stored = await _store.ReadAsync("conv:time", null, null, 10);
        Assert.Equal([unspecified.Message, local.Message], stored);
    }

    [Fact]
    public async Task Read_pages_newest_below_before_and_oldest_above_after()
    {
        for (var seq = 1; seq <= 10; seq++)
        {
            await _store.AppendAsync(Message("room:calm", seq));
        }

        async Task<long[]> Seqs(long? after, long? before, int limit) =>
            (await _store.ReadAsync("room:calm", after, before, limit)).Select(row => row.Seq).ToArray();

        Assert.Equal(new long[] { 8, 9, 10 }, await Seqs(null, null, 3));
        Assert.Equal(new long[] { 2, 3, 4 }, await Seqs(null, 5, 3));
        Assert.Equal(new long[] { 5, 6, 7 }, await Seqs(4, null, 3));
        Assert.Equal(new long[] { 5, 6 }, await Seqs(4, 7, 10));
        Assert.Empty(await Seqs(10, null, 5));
        Assert.Empty(await Seqs(null, null, 0));
    }

    [Fact]
    public async Task Same_client_message_id_returns_original_row_and_inserts_nothing()
    {
        var original = Message("conv:2", 1, clientMessageId: "client-1", text: "first words");
        Assert.True((await _store.AppendAsync(original)).Inserted);

        var again = await _store.AppendAsync(Message("conv:2", 2, clientMessageId: "client-1", text: "retried"));

        Assert.False(again.Inserted);
        Assert.Equal(original, again.Message);
        Assert.Equal(1, await _store.GetMaxSeqAsync("conv:2"));
        Assert.Equal(1, await CountRowsAsync("conv:2"));

        // The seq was not consumed: the next message takes seq 2.
        Assert.True((await _store.AppendAsync(Message("conv:2", 2, clientMessageId: "client-2"))).Inserted);

        // And the row is found by its key alone (a repeat after the channel stopped taking sends); other keys are not.
        Assert.Equal(original, await _store.FindAsync("conv:2", original.SenderId, "client-1"));
        Assert.Null(await _store.FindAsync("conv:2", original.SenderId, "client-9"));
        Assert.Null(await _store.FindAsync("conv:2", "someone-else", "client-1"));
        Assert.Null(await _store.FindAsync("conv:none", original.SenderId, "client-1"));
    }

    [Fact]
    public async Task Repeating_an_append_whose_answer_was_lost_returns_the_stored_row_at_the_offered_seq()
    {
        var message = Message("conv:3", 1);
        await _store.AppendAsync(message);

        var repeat = await _store.AppendAsync(message);

        Assert.True(repeat.Inserted);
        Assert.Equal(message, repeat.Message);
        Assert.Equal(1, await CountRowsAsync("conv:3"));
    }

    [Fact]
    public async Task Max_seq_survives_a_new_store_instance()
    {
        Assert.Equal(0, await _store.GetMaxSeqAsync("conv:4"));
        for (var seq = 1; seq <= 5; seq++)
        {
            await _store.AppendAsync(Message("conv:4", seq));
        }

        await _store.DisposeAsync();
        _store = new PostgresMessageStore(_connectionString);

        Assert.Equal(5, await _store.GetMaxSeqAsync("conv:4"));
        Assert.True((await _store.AppendAsync(Message("conv:4", 6))).Inserted);
        Assert.Equal(6, await _store.GetMaxSeqAsync("conv:4"));
    }

    [Fact]
    public async Task Group_commit_writes_many_channels_in_one_transaction_and_all_rows_are_stored()
    {
        const int channels = 100;
        const int perChannel = 20;
        var appends = Enumerable.Range(0, channels)
            .SelectMany(c => Enumerable.Range(1, perChannel).Select(seq => Message($"room:{c}", seq)))
            .Select(message => _store.AppendAsync(message))
            .ToArray();

        var results = await Task.WhenAll(appends);

        Assert.All(results, result => Assert.True(result.Inserted));
        for (var c = 0; c < channels; c++)
        {
            var rows = await _store.ReadAsync($"room:{c}", afterSeq: 0, beforeSeq: null, limit: 1000);
            Assert.Equal(Enumerable.Range(1, perChannel).Select(seq => Message($"room:{c}", seq)), rows);
            Assert.Equal(perChannel, await _store.GetMaxSeqAsync($"room:{c}"));
        }

        // Rows written by one transaction share its xmin: 2,000 rows came in far fewer transactions.
        var transactions = await CountTransactionsAsync();
        Assert.InRange(transactions, 1, (channels * perChannel) / 10);
    }

    [Fact]
    public async Task One_row_per_transaction_mode_commits_every_append_on_its_own()
    {
        await using var store = new PostgresMessageStore(_connectionString, PostgresMessageStoreOptions.OneRowPerTransaction);
        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(c => store.AppendAsync(Message($"conv:single-{c}", 1))));

        Assert.All(results, result => Assert.True(result.Inserted));
        Assert.Equal(50, await CountTransactionsAsync());
        var duplicate = await store.AppendAsync(Message("conv:single-1", 2, clientMessageId: Message("conv:single-1", 1).ClientMessageId));
        Assert.False(duplicate.Inserted);
        Assert.Equal(1, duplicate.Message.Seq);
    }

    [Fact]
    public async Task A_row_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        // A wide flush window puts every append below into one batch.
        await using var store = new PostgresMessageStore(_connectionString, new PostgresMessageStoreOptions { FlushWindow = TimeSpan.FromMilliseconds(300) });
        await store.AppendAsync(Message("conv:taken", 1, clientMessageId: "someone-else"));

        var good = Enumerable.Range(0, 20).Select(c => store.AppendAsync(Message($"conv:good-{c}", 1))).ToArray();
        var seqTaken = store.AppendAsync(Message("conv:taken", 1, clientMessageId: "late-writer"));
        var badText = store.AppendAsync(Message("conv:bad", 1, text: "nul \0 byte"));

        Assert.All(await Task.WhenAll(good), result => Assert.True(result.Inserted));
        await Assert.ThrowsAsync<MessageStoreUnavailableException>(() => seqTaken);
        await Assert.ThrowsAsync<MessageStoreUnavailableException>(() => badText);
        Assert.Equal("someone-else", (await store.ReadAsync("conv:taken", null, null, 10)).Single().ClientMessageId);
        Assert.Equal(0, await store.GetMaxSeqAsync("conv:bad"));
        for (var c = 0; c < 20; c++)
        {
            Assert.Equal(1, await store.GetMaxSeqAsync($"conv:good-{c}"));
        }
    }

    [Fact]
    public async Task Append_during_postgres_restart_fails_as_unavailable_and_store_recovers_without_restart()
    {
        var running = true;
        var drivers = Enumerable.Range(0, 20).Select(c => new ChannelDriver(_store, $"conv:outage-{c}")).ToArray();
        var driving = drivers.Select(driver => driver.RunAsync(() => Volatile.Read(ref running))).ToArray();

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(500);
        output.WriteLine($"stopping at {stopwatch.ElapsedMilliseconds} ms: {drivers.Sum(d => d.Acknowledged.Count)} acknowledged, {drivers.Sum(d => d.Unavailable)} unavailable");
        await postgres.RestartAsync(downtime: TimeSpan.FromSeconds(1));
        output.WriteLine($"restarted at {stopwatch.ElapsedMilliseconds} ms: {drivers.Sum(d => d.Acknowledged.Count)} acknowledged, {drivers.Sum(d => d.Unavailable)} unavailable");
        await Task.Delay(1500);
        Volatile.Write(ref running, false);
        await Task.WhenAll(driving).WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"drivers done at {stopwatch.ElapsedMilliseconds} ms: {drivers.Sum(d => d.Acknowledged.Count)} acknowledged, {drivers.Sum(d => d.Unavailable)} unavailable");

        Assert.True(drivers.Sum(driver => driver.Unavailable) > 0, "appends during the outage should have failed as unavailable");
        foreach (var driver in drivers)
        {
            var stored = await _store.ReadAsync(driver.Channel, afterSeq: 0, beforeSeq: null, limit: 100_000);
            // seq is gapless and every acknowledged message is stored exactly as acknowledged.
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(seq => (long)seq), stored.Select(row => row.Seq));
            Assert.Subset(stored.ToHashSet(), driver.Acknowledged.ToHashSet());
            Assert.Equal(driver.Acknowledged.Count, stored.Count);
        }

        // The same store instance works again.
        var next = await _store.GetMaxSeqAsync(drivers[0].Channel) + 1;
        Assert.True((await _store.AppendAsync(Message(drivers[0].Channel, next, clientMessageId: "after-restart"))).Inserted);
    }

    private async Task<long> CountRowsAsync(string channel)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM messages WHERE channel = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = channel });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountTransactionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM messages", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
