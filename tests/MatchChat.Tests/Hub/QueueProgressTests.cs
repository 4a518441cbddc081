using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>
/// Waiting seekers learn their place from the topic's QueueProgress broadcast; QueueUpdated is sent to a seeker only
/// when the broadcast alone would show them a wrong place (docs/PROTOCOL.md, "Queue progress"). These run with no exact
/// places (<c>ExactPlaces = 0</c>), as the places behind the first twenty of a long queue are served.
/// </summary>
public sealed class QueueProgressTests(ProgressOnlyServerFixture server) : IClassFixture<ProgressOnlyServerFixture>
{
    [Fact]
    public async Task When_the_first_in_line_leaves_everyone_behind_moves_up_by_the_broadcast_alone_and_a_reload_agrees()
    {
        var topic = TestTopics.Slug(15);
        await using var a = await server.NewMember();
        await using var b = await server.NewMember();
        await using var c = await server.NewMember();
        var ofA = await a.Request(topic);
        var ofB = await b.Request(topic);
        var ofC = await c.Request(topic);
        Assert.Equal([1, 2, 3], new[] { ofA.Position, ofB.Position, ofC.Position });

        await a.Conn.Invoke("CancelRequest", ofA.RequestId);

        Assert.Equal(1, (await b.Conn.WaitForPlace(ofB, p => p.Position == 1)).Position);
        Assert.Equal(2, (await c.Conn.WaitForPlace(ofC, p => p.Position == 2)).Position);
        // No push per seeker: those behind someone who left from the front are told by the broadcast only.
        Assert.Empty(b.Conn.All<QueueTicket>("QueueUpdated"));
        Assert.Empty(c.Conn.All<QueueTicket>("QueueUpdated"));

        // A page that reloads gets the place from GetMe, the same as the broadcast gave.
        await using var reloaded = await TestConnection.OpenAsync(server.BaseUrl, c.Token);
        var me = await reloaded.Invoke<Member>("GetMe");
        Assert.Equal(2, me.OpenRequest!.Position);
    }

    [Fact]
    public async Task When_someone_in_the_middle_leaves_those_ahead_keep_their_place_and_those_behind_move_up()
    {
        var topic = TestTopics.Slug(16);
        await using var a = await server.NewMember();
        await using var b = await server.NewMember();
        await using var c = await server.NewMember();
        await using var d = await server.NewMember();
        var ofA = await a.Request(topic);
        var ofB = await b.Request(topic);
        var ofC = await c.Request(topic);
        var ofD = await d.Request(topic);

        await c.Conn.Invoke("CancelRequest", ofC.RequestId);

        // The broadcast counts one served; b, ahead of c, is sent their unchanged place with the new count.
        await d.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.Served > ofD.Served);
        var bAgain = await b.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ofB.RequestId);
        Assert.Equal(2, bAgain.Position);
        await b.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.Served > ofB.Served);
        Assert.Equal(1, a.Conn.PlaceOf(ofA).Position);
        Assert.Equal(2, b.Conn.PlaceOf(ofB).Position);
        Assert.Equal(3, (await d.Conn.WaitForPlace(ofD, p => p.Position == 3)).Position);
        Assert.Empty(d.Conn.All<QueueTicket>("QueueUpdated"));
    }
    [Fact]
    public async Task Waiting_seekers_hear_when_no_listener_of_the_topic_is_available_and_when_one_is_again()
    {
        var topic = TestTopics.Slug(17);
        await using var busy = await server.NewMember();
        await busy.BecomeAvailableListener(topic, max: 1);
        await using var first = await server.NewMember();
        var firstTicket = await first.Request(topic);
        var offer = await busy.Conn.Next<Offer>("OfferReceived", o => o.RequestId == firstTicket.RequestId);
        await busy.Conn.Invoke("AcceptOffer", offer.OfferId);

        // The only listener is in a chat, but available: somebody is there.
        await using var seeker = await server.NewMember();
        await seeker.Request(topic);
        Assert.Equal(1, (await seeker.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable is not null)).ListenersAvailable);

        await busy.Conn.Invoke<ListenerProfile>("SetAvailable", false);
        // Said once the queue's roster is known to be complete (about 12 s after the queue's activation: until then an
        // empty roster may only mean that listeners' grains have not re-sent it yet).
        await seeker.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 0, within: TimeSpan.FromSeconds(30));

        // A page that reloads (a new connection of the same seeker) is told at once, not at the queue's next broadcast.
        var reloaded = await seeker.ConnectAnother();
        await reloaded.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 0, within: TimeSpan.FromSeconds(2));

        // A seeker who asks after that broadcast (their node already watches the topic) is told too.
        await using var another = await server.NewMember();
        await another.Request(topic);
        await another.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 0, within: TimeSpan.FromSeconds(5));

        await using var back = await server.NewMember();
        await back.Volunteer(topic, max: 1);
        await back.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await seeker.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 1, within: TimeSpan.FromSeconds(5));
        await back.Conn.Invoke<ListenerProfile>("SetAvailable", false);
    }
}
