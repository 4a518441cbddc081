using MatchChat.Contracts.Matching;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>
/// In a short queue (the first <c>ExactPlaces</c> places, 20 by default) every waiting seeker still gets
/// <c>QueueUpdated</c> with their new position when someone ahead leaves, as the contract's core rule says.
/// </summary>
public sealed class ShortQueueUpdateTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task When_the_first_in_line_leaves_everyone_behind_is_sent_their_new_position()
    {
        var topic = TestTopics.Slug(14);
        await using var a = await server.NewMember();
        await using var b = await server.NewMember();
        await using var c = await server.NewMember();
        var ofA = await a.Request(topic);
        var ofB = await b.Request(topic);
        var ofC = await c.Request(topic);
        Assert.Equal([1, 2, 3], new[] { ofA.Position, ofB.Position, ofC.Position });

        await a.Conn.Invoke("CancelRequest", ofA.RequestId);

        var bNow = await b.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ofB.RequestId && t.Position == 1);
        var cNow = await c.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ofC.RequestId && t.Position == 2);
        Assert.Equal("waiting", bNow.Status);
        Assert.Equal("waiting", cNow.Status);
    }
}
