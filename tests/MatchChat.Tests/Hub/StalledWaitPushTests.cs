using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>
/// Honest waits reach an open page by themselves: while the only listener is busy in a chat (and has stepped away, so
/// nothing else in the queue changes), a waiting seeker's page sees its estimate grow from the topic's broadcast alone.
/// </summary>
public sealed class StalledWaitPushTests(StallServerFixture server) : IClassFixture<StallServerFixture>
{
    [Fact]
    public async Task A_waiting_page_sees_its_estimate_grow_while_nobody_is_served()
    {
        var topic = TestTopics.Slug(15);
        await using var listener = await server.NewMember();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 1);
        await first.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);

        var waiting = await second.Request(topic);
        Assert.Equal(1, waiting.Position);
        Assert.True(waiting.EstimatedWaitSeconds is null or < 4, $"estimate {waiting.EstimatedWaitSeconds}");

        var later = await second.Conn.WaitForPlace(waiting, p => p.EstimatedWaitSeconds >= 6, TimeSpan.FromSeconds(30));
        Assert.Equal(1, later.Position);
        Assert.Equal(waiting.Served, second.Conn.All<QueueProgress>("QueueProgress").Last().Served);
    }
}
