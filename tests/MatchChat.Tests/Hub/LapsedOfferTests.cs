using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>A request that lapsed with one listener goes back to them when nobody else can take it (offers expire in 4 s).</summary>
public sealed class LapsedOfferTests(LapsedOfferServerFixture server) : IClassFixture<LapsedOfferServerFixture>
{
    [Fact]
    public async Task A_request_that_lapsed_with_one_listener_and_was_declined_by_the_other_goes_back_to_the_first()
    {
        // An outside probe: the request then waited for minutes (urgent too) with both listeners free and available.
        var topic = TestTopics.Slug(40);
        await using var first = await server.NewMember();
        await first.BecomeAvailableListener(topic, ["shared"]);
        await using var second = await server.NewMember();
        await second.BecomeAvailableListener(topic);
        await using var seeker = await server.NewMember();
        var ticket = await seeker.Request(topic, ["shared"]);
        var offer = await first.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        await first.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, TimeSpan.FromSeconds(10));

        // Someone else could take it: it moves on to them; they say no; nobody else is left, so it comes back.
        var moved = await second.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId, TimeSpan.FromSeconds(10));
        await second.Conn.Invoke("DeclineOffer", moved.OfferId);
        var back = await first.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId && o.OfferId != offer.OfferId, TimeSpan.FromSeconds(10));
        var conversation = await first.Conn.Invoke<Conversation>("AcceptOffer", back.OfferId);
        Assert.Equal(conversation.ConversationId, (await seeker.Conn.Next<Conversation>("Matched")).ConversationId);
        await second.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId && o.OfferId != moved.OfferId, wait: TimeSpan.FromMilliseconds(200));
    }
}
