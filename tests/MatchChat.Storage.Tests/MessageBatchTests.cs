using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using Npgsql;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

/// <summary>
/// The group commit writes a batch with one <c>INSERT ... SELECT FROM unnest(...)</c> in autocommit: every outcome a
/// single append can have must come out right when rows of all kinds share that one statement.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageBatchTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("batch");
        await PostgresMigrations.MigrateAsync(_connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_batch_with_new_rows_a_resend_a_reused_client_id_and_a_taken_seq_answers_each_as_a_single_append_would()
    {
        await using (var setup = new PostgresMessageStore(_connectionString))
        {
            await setup.AppendAsync(Message("conv:resend", 1));
            await setup.AppendAsync(Message("conv:reused", 1, clientMessageId: "reused-id", text: "first words"));
            await setup.AppendAsync(Message("conv:taken", 1, clientMessageId: "someone-else"));
        }

        // One writer and a wide flush window: every append below shares one statement.
        await using var store = new PostgresMessageStore(_connectionString, new PostgresMessageStoreOptions { FlushWindow = TimeSpan.FromMilliseconds(300), ConcurrentBatches = 1 });
        var fresh = Enumerable.Range(0, 30).Select(c => store.AppendAsync(Message($"conv:fresh-{c}", 1, text: $"hello {c}, ünïcode ✓"))).ToArray();
        var resend = store.AppendAsync(Message("conv:resend", 1));
        var reused = store.AppendAsync(Message("conv:reused", 2, clientMessageId: "reused-id", text: "first words"));
        var taken = store.AppendAsync(Message("conv:taken", 1, clientMessageId: "late-writer"));

        var stored = await Task.WhenAll(fresh);
        for (var c = 0; c < stored.Length; c++)
        {
            Assert.True(stored[c].Inserted);
            Assert.Equal(Message($"conv:fresh-{c}", 1, text: $"hello {c}, ünïcode ✓"), stored[c].Message);
            Assert.Equal([Message($"conv:fresh-{c}", 1, text: $"hello {c}, ünïcode ✓")], await store.ReadAsync($"conv:fresh-{c}", 0, null, 10));
        }

        // A resend at its own seq is the same message (its first answer was lost): inserted, nothing duplicated.
        Assert.Equal(new AppendResult(true, Message("conv:resend", 1)), await resend);
        // The client id was used at another seq: the stored row answers, the offered seq stays free.
        var again = await reused;
        Assert.False(again.Inserted);
        Assert.Equal(1, again.Message.Seq);
        Assert.Equal(1, await store.GetMaxSeqAsync("conv:reused"));
        // Another message holds the seq: only this caller fails, and must re-read the max seq.
        await Assert.ThrowsAsync<MessageStoreUnavailableException>(() => taken);
        Assert.Equal("someone-else", (await store.ReadAsync("conv:taken", null, null, 10)).Single().ClientMessageId);

        Assert.Equal(1 + 1 + 1 + 30, await CountRowsAsync());
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM messages", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
