using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

/// <summary>
/// A channel grain appends the sends that queued behind a commit as one batch of consecutive seqs. Whatever one of them
/// turns out to be, the channel must stay gapless (PROTOCOL.md: seq "is gapless and strictly increasing per channel").
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChannelBatchTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("chanbatch");
        await PostgresMigrations.MigrateAsync(_connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<bool, bool> Modes => new() { { true, true }, { true, false }, { false, false } };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_batch_holding_a_resend_of_a_stored_message_stores_the_others_gapless_and_answers_the_resend_with_the_stored_row(bool groupCommit, bool binaryCopy)
    {
        var channel = $"conv:resend-{groupCommit}-{binaryCopy}";
        await using var store = new PostgresMessageStore(_connectionString, new PostgresMessageStoreOptions { GroupCommit = groupCommit, BinaryCopy = binaryCopy, FlushWindow = TimeSpan.FromMilliseconds(100) });
        var first = Message(channel, 1, clientMessageId: "hello-id", text: "hello");
        Assert.True((await store.AppendAsync(first)).Inserted);

        // Another channel's batch shares the transaction (with group commit); it must not be disturbed.
        var other = store.AppendBatchAsync([Message("conv:bystander-" + channel, 1), Message("conv:bystander-" + channel, 2)]);
        var results = await store.AppendBatchAsync(
        [
            Message(channel, 2, text: "second"),
            Message(channel, 3, clientMessageId: "hello-id", text: "hello"),
            Message(channel, 4, text: "third"),
            Message(channel, 5, sender: "member-b", text: "fourth"),
        ]);

        Assert.Equal([true, false, true, true], results.Select(r => r!.Inserted));
        Assert.Equal([2L, 1, 3, 4], results.Select(r => r!.Message.Seq));
        Assert.Equal(first, results[1]!.Message);
        var stored = await store.ReadAsync(channel, 0, null, 10);
        Assert.Equal([1L, 2, 3, 4], stored.Select(m => m.Seq));
        Assert.Equal(["hello", "second", "third", "fourth"], stored.Select(m => m.Text));
        Assert.Equal(4, await store.GetMaxSeqAsync(channel));
        Assert.All(await other, r => Assert.True(r!.Inserted));
    }

    [Fact]
    public async Task A_batch_of_new_messages_from_two_senders_is_stored_in_one_piece_at_the_offered_seqs()
    {
        await using var store = new PostgresMessageStore(_connectionString);
        var rows = Enumerable.Range(1, 40).Select(i => Message("conv:burst", i, sender: i % 2 == 0 ? "member-a" : "member-b", text: $"message {i} ✓")).ToArray();

        var results = await store.AppendBatchAsync(rows);

        Assert.All(results, r => Assert.True(r!.Inserted));
        Assert.Equal(rows, results.Select(r => r!.Message));
        Assert.Equal(rows, await store.ReadAsync("conv:burst", 0, null, 100));
    }

    [Fact]
    public async Task A_batch_whose_first_seq_another_message_holds_is_not_stored_and_every_entry_says_so()
    {
        await using var store = new PostgresMessageStore(_connectionString);
        await store.AppendAsync(Message("conv:taken-batch", 1, clientMessageId: "earlier-writer"));

        var results = await store.AppendBatchAsync([Message("conv:taken-batch", 1), Message("conv:taken-batch", 2), Message("conv:taken-batch", 3)]);

        Assert.All(results, Assert.Null);
        Assert.Equal(["earlier-writer"], (await store.ReadAsync("conv:taken-batch", 0, null, 10)).Select(m => m.ClientMessageId));
        Assert.Equal(1, await store.GetMaxSeqAsync("conv:taken-batch"));
    }
}
