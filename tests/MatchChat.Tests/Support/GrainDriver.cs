using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;

namespace MatchChat.Tests.Support;

/// <summary>Drives member grains on the test cluster as a web node would, recording what they push.</summary>
public sealed class GrainDriver(ClusterFixture fixture)
{
    public RecordingObserver Node { get; } = new();

    public IGrainFactory Grains => fixture.Grains;

    public async Task<GrainMember> Member(string age = "adult")
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IMemberGrain>(id);
        await grain.Create("H-" + id[..8], age);
        var reference = NodeReference();
        await grain.Attach("test-node", reference);
        return new GrainMember(grain, id, reference);
    }

    public IChatObserver NodeReference() => fixture.Cluster.Client.CreateObjectReference<IChatObserver>(Node);

    /// <summary>An available listener with capacity 1 and a seeker who asked on the topic; the listener holds the offer.</summary>
    public async Task<(GrainMember Listener, GrainMember Seeker, QueueTicket Request, Offer Offer)> Offered(string topic)
    {
        var listener = await Member();
        var seeker = await Member();
        await listener.Grain.Volunteer([topic], [], 1, false);
        await listener.Grain.SetAvailable(true);
        var request = await seeker.Grain.RequestListener(topic, [], null);
        return (listener, seeker, request, await Node.Next<Offer>(listener.Id));
    }

    public static async Task WaitFor(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the expected event did not arrive");
            await Task.Delay(20);
        }
    }
}
