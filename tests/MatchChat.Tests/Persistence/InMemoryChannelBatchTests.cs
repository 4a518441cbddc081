using MatchChat.Grains.Messages;

namespace MatchChat.Tests.Persistence;

/// <summary>The embedded store takes a channel grain's batch through the interface's row-by-row default: gapless too.</summary>
public sealed class InMemoryChannelBatchTests
{
    private static readonly DateTime At = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static StoredMessage Row(long seq, string clientId, string text) => new("conv:c", seq, "member-a", "Handle", clientId, text, At);

    [Fact]
    public async Task A_resend_inside_a_batch_answers_with_the_stored_row_and_the_later_messages_move_down_one_seq()
    {
        IMessageStore store = new InMemoryMessageStore();
        await store.AppendAsync(Row(1, "a", "first"));

        var results = await store.AppendBatchAsync([Row(2, "b", "second"), Row(3, "a", "first"), Row(4, "c", "third")]);

        Assert.Equal([true, false, true], results.Select(r => r!.Inserted));
        Assert.Equal([2L, 1, 3], results.Select(r => r!.Message.Seq));
        Assert.Equal(["first", "second", "third"], (await store.ReadAsync("conv:c", 0, null, 10)).Select(m => m.Text));
        Assert.Equal(3, await store.GetMaxSeqAsync("conv:c"));
    }
}
