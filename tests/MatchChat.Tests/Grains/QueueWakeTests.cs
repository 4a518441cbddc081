using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Tests.Support;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A waiting seeker has no presence reminder: the topic queue holding the request wakes the seeker's member grain every
/// <c>QueueWakeSeconds</c>. A seeker whose grain was lost (its silo died) while the queue lived on therefore still gets a
/// new activation, whose grace period ends the request if they never come back, and the people behind move up.
/// </summary>
public sealed class QueueWakeTests(QueueWakeTests.Cluster cluster) : IClassFixture<QueueWakeTests.Cluster>
{
    [Fact]
    public async Task A_waiting_seeker_whose_grain_was_lost_has_the_request_ended_after_grace_and_the_next_moves_up()
    {
        var topic = TestTopics.Slug(0);
        var node = new RecordingObserver();
        var reference = cluster.Host.Client.CreateObjectReference<IChatObserver>(node);
        var (_, lost) = await Member(reference);
        var (nextId, next) = await Member(reference);
        await lost.RequestListener(topic, [], null);
        Assert.Equal(2, (await next.RequestListener(topic, [], null)).Position);

        // As if the lost seeker's silo died: the activation is gone without a goodbye, and nobody calls that grain.
        await lost.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var moved = await node.Next<QueueTicket>(nextId, t => t.Position == 1, seconds: 20);
        Assert.Equal(TicketStatus.Waiting, moved.Status);
        Assert.Null((await lost.GetMe()).OpenRequest);
    }

    private async Task<(string Id, IMemberGrain Grain)> Member(IChatObserver reference)
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = cluster.Host.Client.GetGrain<IMemberGrain>(id);
        await grain.Create("H-" + id[..8], "adult");
        await grain.Attach("test-node", reference);
        return (id, grain);
    }

    /// <summary>One silo; queues wake their seekers every half second and a seeker's grace period is 1.5 s.</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:QueueWakeSeconds"] = "0.5",
            ["MatchChat:Matching:SeekerGraceSeconds"] = "1.5",
        };
    }
}
