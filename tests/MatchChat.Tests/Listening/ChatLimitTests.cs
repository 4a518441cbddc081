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
}
