using MatchChat.Contracts.Conversations;
using MatchChat.Storage.Tests;
using Orleans.Core.Internal;

namespace MatchChat.Durability.Tests;

/// <summary>
/// A conversation's start stores it without reading it first; on PostgreSQL a start of one that exists is refused by
/// the row's version, and the fresh activation then reads and decides on what is stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversationStartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_postgres_a_start_on_a_new_activation_of_a_stored_conversation_is_recognised_and_an_abandoned_one_stays_abandoned()
    {
        var cluster = await PostgresTestCluster.DeployAsync(postgres, "start", 1);
        try
        {
            var start = new ConversationStart("grief", "seeker-1", "Seeker-1", "listener-1", "Listener-1", [], "req-1");
            var conversation = cluster.Client.GetGrain<IConversationGrain>(Guid.NewGuid().ToString("N"));
            Assert.Equal(StartOutcome.Started, await conversation.Start(start));
            await conversation.Send("seeker-1", "m1", "hello");

            // A new activation: the blind write is refused (the row exists), so it reads, and answers as before.
            await conversation.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            Assert.Equal(StartOutcome.Started, await conversation.Start(start));
            Assert.Equal(StartOutcome.Taken, await conversation.Start(start with { ListenerId = "listener-2", ListenerHandle = "Listener-2" }));
            Assert.Equal("Listener-1", (await conversation.PeerOf("seeker-1")).PeerHandle);
            var sent = await conversation.Send("listener-1", "m2", "hi");
            Assert.Equal(2, sent.Seq);

            // Settled as never started: a late start of it is refused after a restart too.
            var abandoned = cluster.Client.GetGrain<IConversationGrain>(Guid.NewGuid().ToString("N"));
            Assert.False(await abandoned.Abandon());
            await abandoned.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            Assert.Equal(StartOutcome.Abandoned, await abandoned.Start(start with { RequestId = "req-2" }));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
