using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using Npgsql;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

/// <summary>
/// The group commit's fast path writes a batch with one binary <c>COPY</c>, which has no <c>ON CONFLICT</c>: a batch of
/// new rows must be stored whole in one transaction, and a batch where any row repeats a key must still give every
/// caller the answer a single append would (nothing lost, nothing stored twice).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageCopyTests(PostgresFixture postgres) : IAsyncLifetime
{
    // One writer and a wide flush window: the appends of a test share one batch.
    private static readonly PostgresMessageStoreOptions OneBatch = new() { FlushWindow = TimeSpan.FromMilliseconds(300), ConcurrentBatches = 1, BinaryCopy = true };

    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("copy");
        await PostgresMigrations.MigrateAsync(_connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_batch_of_new_rows_is_stored_exactly_as_sent_in_one_transaction()
    {
        await using var store = new PostgresMessageStore(_connectionString, OneBatch);
        var sent = Enumerable.Range(0, 40)
            .Select(c => Message($"conv:copy-{c}", 1, text: $"words {c}: ünïcode ✓ \"quoted\" \\ tab\tline\n") with
            {
                // Sub-microsecond ticks: the answer must already be what a later read returns.
                SentAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(c * 1_234_567 + 7),
            })
            .ToArray();

        var answers = await Task.WhenAll(sent.Select(m => store.AppendAsync(m)));

        for (var c = 0; c < sent.Length; c++)
        {
            Assert.True(answers[c].Inserted);
            var read = Assert.Single(await store.ReadAsync($"conv:copy-{c}", 0, null, 10));
            Assert.Equal(read, answers[c].Message);
            Assert.Equal(sent[c].Text, read.Text);
            Assert.Equal(sent[c].SentAt.Ticks / 10, read.SentAt.Ticks / 10);
        }

        Assert.Equal((40, 1), await RowsAndTransactionsAsync());
    }

    [Fact]
    public async Task A_resend_and_a_seq_claimed_twice_inside_a_batch_of_new_rows_lose_nothing_and_store_nothing_twice()
    {
        await using (var setup = new PostgresMessageStore(_connectionString))
        {
            await setup.AppendAsync(Message("conv:resend", 1));
        }

        await using var store = new PostgresMessageStore(_connectionString, OneBatch);
        var fresh = Enumerable.Range(0, 20).Select(c => store.AppendAsync(Message($"conv:new-{c}", 1))).ToArray();
        var resend = store.AppendAsync(Message("conv:resend", 1));
        var first = store.AppendAsync(Message("conv:twice", 1, clientMessageId: "first"));
        var second = store.AppendAsync(Message("conv:twice", 1, clientMessageId: "second"));

        foreach (var answer in await Task.WhenAll(fresh))
        {
            Assert.True(answer.Inserted);
        }

        // The resend is the stored message (its first answer was lost): answered as stored, not stored again.
        Assert.Equal(new AppendResult(true, Message("conv:resend", 1)), await resend);
        // Two messages offered the same seq in one batch: the first keeps it, the other is told to re-read the max seq.
        Assert.True((await first).Inserted);
        await Assert.ThrowsAsync<MessageStoreUnavailableException>(() => second);
        Assert.Equal("first", Assert.Single(await store.ReadAsync("conv:twice", 0, null, 10)).ClientMessageId);
        Assert.Equal(1 + 20 + 1, (await RowsAndTransactionsAsync()).Rows);
    }

    [Fact]
    public async Task A_row_PostgreSQL_rejects_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        await using var store = new PostgresMessageStore(_connectionString, OneBatch);
        var good = Enumerable.Range(0, 10).Select(c => store.AppendAsync(Message($"conv:good-{c}", 1))).ToArray();
        var bad = store.AppendAsync(Message("conv:bad", 1, text: "a NUL \0 PostgreSQL text cannot hold"));

        foreach (var answer in await Task.WhenAll(good))
        {
            Assert.True(answer.Inserted);
        }

        await Assert.ThrowsAsync<MessageStoreUnavailableException>(() => bad);
        Assert.Empty(await store.ReadAsync("conv:bad", 0, null, 10));
        Assert.Equal(10, (await RowsAndTransactionsAsync()).Rows);
    }

    private async Task<(long Rows, long Transactions)> RowsAndTransactionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT xmin::text) FROM messages", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
