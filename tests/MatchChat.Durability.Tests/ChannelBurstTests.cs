using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Storage.Tests;

namespace MatchChat.Durability.Tests;

/// <summary>
/// On PostgreSQL a conversation's sends that arrive while its previous append waits for the commit go together as the
/// next append. Both people typing at once, a resend among them and the conversation ending in the middle must still
/// leave what the protocol promises: every acknowledged message stored, seq gapless in one order for everyone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChannelBurstTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_postgres_a_burst_from_both_people_with_a_resend_and_an_ending_in_the_middle_leaves_every_acknowledged_message_gapless_in_history()
    {
        var cluster = await PostgresTestCluster.DeployAsync(postgres, "burst", 1);
        try
        {
            var conversation = cluster.Client.GetGrain<IConversationGrain>(Guid.NewGuid().ToString("N"));
            Assert.Equal(StartOutcome.Started, await conversation.Start(new ConversationStart("grief", "seeker-1", "Seeker-1", "listener-1", "Listener-1", [], "req-1")));
            var first = await conversation.Send("seeker-1", "s-0", "seeker says 0");

            // Both at once, 40 each, and the first message sent again (its answer lost, say) in the middle of it.
            var burst = new List<Task<Message>>();
            for (var i = 1; i <= 40; i++)
            {
                burst.Add(conversation.Send("seeker-1", $"s-{i}", $"seeker says {i}"));
                burst.Add(conversation.Send("listener-1", $"l-{i}", $"listener says {i}"));
                if (i == 20)
                {
                    burst.Add(conversation.Send("seeker-1", "s-0", "seeker says 0"));
                }
            }

            var acked = await Task.WhenAll(burst);
            Assert.Equal(first.Seq, acked.Single(m => m.ClientMessageId == "s-0").Seq);
            var stored = acked.Where(m => m.ClientMessageId != "s-0").Append(first).OrderBy(m => m.Seq).ToArray();
            Assert.Equal(Enumerable.Range(1, 81).Select(i => (long)i), stored.Select(m => m.Seq));
            Assert.Equal(stored.Select(m => (m.Seq, m.Text)), (await conversation.History("listener-1", 0, null, 200)).Select(m => (m.Seq, m.Text)));

            // A second burst with the ending in the middle: a send is either stored (acknowledged) or refused as ended.
            var late = Enumerable.Range(1, 30).Select(i => conversation.Send(i % 2 == 0 ? "seeker-1" : "listener-1", $"late-{i}", $"late {i}")).ToList();
            var end = conversation.End("seeker-1", EndReasons.Ended);
            late.AddRange(Enumerable.Range(31, 10).Select(i => conversation.Send("listener-1", $"late-{i}", $"late {i}")));
            await end;
            var outcomes = await Task.WhenAll(late.Select(async t =>
            {
                try
                {
                    return (Message?)await t;
                }
                catch (MatchChatException refused) when (refused.Code == ErrorCodes.Conflict)
                {
                    return null;
                }
            }));
            var lateStored = outcomes.OfType<Message>().OrderBy(m => m.Seq).ToArray();
            Assert.Equal(Enumerable.Range(82, lateStored.Length).Select(i => (long)i), lateStored.Select(m => m.Seq));
            var history = await conversation.History("seeker-1", 0, null, 200);
            Assert.Equal(stored.Concat(lateStored).Select(m => (m.Seq, m.Text)), history.Select(m => (m.Seq, m.Text)));
            await Assert.ThrowsAsync<MatchChatException>(() => conversation.Send("seeker-1", "after", "after the end"));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
