using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Listening;

/// <summary>A listener's chat limit, changed while an offer is open, through the real hub.</summary>
public sealed class ChatLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Lowering_the_chat_limit_below_what_an_open_offer_needs_gives_the_offer_back_at_once()
    {
        var topic = TestTopics.Slug(77);
        await using var listener = await server.NewMember();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await Journeys.Match(first, listener, topic);
        var ticket = await second.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);

        // One chat and one offer, then a limit of one: the offer could no longer be accepted, so it goes back now
        // (an outside probe: it stayed until it expired, the seeker "offered" all that time, and the expiry counted
        // against the listener).
        await listener.Volunteer(topic, max: 1);
        var back = await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, TimeSpan.FromSeconds(3));
        Assert.Equal(OfferReasons.Busy, back.Reason);
        Assert.Empty((await listener.Conn.Invoke<Member>("GetMe")).PendingOffers ?? []);
        await second.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId && t.Status == TicketStatus.Waiting, TimeSpan.FromSeconds(3));
        Assert.True((await listener.Conn.Invoke<Member>("GetMe")).Listener!.Available);

        await second.Conn.Invoke("CancelRequest", ticket.RequestId);
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);
    }

    [Fact]
    public async Task Leaving_a_topic_and_lowering_the_limit_together_keeps_the_offer_of_the_topic_kept()
    {
        string left = TestTopics.Slug(78), kept = TestTopics.Slug(79);
        await using var listener = await server.NewMember();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await listener.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { left, kept }, experiences = Array.Empty<string>(), maxConcurrentChats = 2, agreedToGuide = true });
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        var older = await first.Request(left);
        var offerLeft = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == older.RequestId);
        var newer = await second.Request(kept);
        var offerKept = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == newer.RequestId);

        // Two offers, a limit of one, and one topic left: the left topic's offer goes; the other still fits (a review:
        // the left topic's offer was counted, and the newer, valid one went back as "busy").
        await listener.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { kept }, experiences = Array.Empty<string>(), maxConcurrentChats = 1 });
        await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offerLeft.OfferId, TimeSpan.FromSeconds(3));
        await listener.Conn.AssertNone<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offerKept.OfferId, TimeSpan.FromSeconds(1));
        await listener.Conn.Invoke<Contracts.Conversations.Conversation>("AcceptOffer", offerKept.OfferId);

        await first.Conn.Invoke("CancelRequest", older.RequestId);
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);
    }
}
