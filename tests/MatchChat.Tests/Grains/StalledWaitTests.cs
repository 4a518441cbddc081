using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>
/// Honest waits while nobody is served: the only listener is busy, a seeker waits, and the estimate grows with the
/// stall instead of repeating the pace of the last match (an outside browser probe saw "less than a minute" for as
/// long as the listener stayed busy). The grains' clock is manual; the member grains are renewed as a web node would.
/// That the estimate reaches open pages by itself is <c>Hub.StalledWaitPushTests</c>.
/// </summary>
public sealed class StalledWaitTests(ManualClockClusterFixture fixture) : IClassFixture<ManualClockClusterFixture>
{
    private readonly RecordingObserver _node = new();

    [Fact]
    public async Task While_the_only_listener_is_busy_the_waiting_seekers_estimate_grows_with_the_stall()
    {
        const string topic = "t05";
        var listener = await Member();
        var first = await Member();
        var second = await Member();
        var third = await Member();
        await listener.Volunteer([topic], [], 1, false);
        await listener.SetAvailable(true);

        // One match measured, at once: the smoothed interval is about zero seconds per place.
        await first.RequestListener(topic, [], null);
        var offer = await _node.Next<Offer>(listener.GetPrimaryKeyString());
        await listener.AcceptOffer(offer.OfferId);
        var waiting = await second.RequestListener(topic, [], null);
        await third.RequestListener(topic, [], null);
        Assert.Equal(1, waiting.Position);
        Assert.True(waiting.EstimatedWaitSeconds < 60, $"estimate {waiting.EstimatedWaitSeconds}");

        // Ten minutes with the listener still busy: nobody is served.
        for (var i = 0; i < 20; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(30));
            foreach (var member in new[] { listener, first, second, third })
            {
                await member.Attach("test-node", Reference());
            }
        }

        var front = (await second.GetMe()).OpenRequest!;
        var behind = (await third.GetMe()).OpenRequest!;
        Assert.Equal(TicketStatus.Waiting, front.Status);
        Assert.Equal(1, front.Position);
        Assert.True(front.EstimatedWaitSeconds >= 600, $"after a ten-minute stall the front's estimate is {front.EstimatedWaitSeconds} s");
        Assert.Equal(2, behind.Position);
        Assert.True(behind.EstimatedWaitSeconds >= 2 * front.EstimatedWaitSeconds, $"second place {behind.EstimatedWaitSeconds} s");

    }

    private IChatObserver? _reference;

    private IChatObserver Reference() => _reference ??= fixture.Cluster.Client.CreateObjectReference<IChatObserver>(_node);

    private async Task<IMemberGrain> Member()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IMemberGrain>(id);
        await grain.Create("H-" + id[..8], "adult");
        await grain.Attach("test-node", Reference());
        return grain;
    }
}
