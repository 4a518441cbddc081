using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>
/// Honest waits over real WebSockets: while nobody who could take a request is available (the only listener stepped
/// away, or for a teen only adults not approved for teens), its ticket carries no estimate, not "about a second"
/// (an outside probe), and an estimate comes back with a listener.
/// </summary>
public sealed class NobodyAvailableEstimateTests(FastTimeoutsServerFixture server) : IClassFixture<FastTimeoutsServerFixture>
{
    [Fact]
    public async Task A_request_nobody_can_take_has_no_estimate_until_a_listener_is_back()
    {
        var topic = TestTopics.Slug(31);
        await using var listener = await server.NewMember();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 2);
        // One match measured, so the queue has a pace to estimate from.
        await first.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var chat = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await listener.Conn.Invoke("EndConversation", chat.ConversationId);
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);

        // At once, though the queue started moments ago and does not yet know its roster is complete (an outside probe:
        // "1 second" for 10 s after the only listener stepped away).
        var ticket = await second.Request(topic);
        Assert.Null(ticket.EstimatedWaitSeconds);

        await second.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 0, TimeSpan.FromSeconds(15));
        Assert.Null((await second.Conn.Invoke<Member>("GetMe")).OpenRequest!.EstimatedWaitSeconds);

        // Back: the first place gets an estimate again (and then the offer).
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
    }

    [Fact]
    public async Task A_teens_request_in_a_queue_just_started_has_no_estimate_while_only_adults_not_approved_for_teens_listen()
    {
        var topic = TestTopics.Slug(33);
        await using var listener = await server.NewMember();
        await using var teen = await server.NewMember("teen");
        await using var adult = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 2);
        // One match measured, so the queue has a pace to estimate from.
        await adult.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);

        var teensTicket = await teen.Request(topic);
        Assert.Null(teensTicket.EstimatedWaitSeconds);
        Assert.Null((await teen.Conn.Invoke<Member>("GetMe")).OpenRequest!.EstimatedWaitSeconds);
    }

    [Fact]
    public async Task A_request_its_only_listener_declined_has_no_estimate_while_others_behind_it_are_served()
    {
        var topic = TestTopics.Slug(37);
        await using var listener = await server.NewMember();
        await using var declined = await server.NewMember();
        await using var later = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 3);
        var ticket = await declined.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        await listener.Conn.Invoke("DeclineOffer", offer.OfferId);

        // Someone behind is served (the queue now has a pace); the declined seeker stays first, with no estimate.
        var behind = await later.Request(topic);
        var second = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == behind.RequestId);
        await listener.Conn.Invoke<Conversation>("AcceptOffer", second.OfferId);
        await declined.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId && t.Position == 1, TimeSpan.FromSeconds(15));
        await Eventually.Until(async () => (await declined.Conn.Invoke<Member>("GetMe")).OpenRequest is { Position: 1 });
        Assert.Null((await declined.Conn.Invoke<Member>("GetMe")).OpenRequest!.EstimatedWaitSeconds);
        Assert.All(declined.Conn.All<QueueTicket>("QueueUpdated").Where(t => t.RequestId == ticket.RequestId), t => Assert.Null(t.EstimatedWaitSeconds));
    }
}
