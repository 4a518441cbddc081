using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Hub;

/// <summary>Offer expiry and presence rules, with timeouts shortened to seconds.</summary>
public sealed class TimeoutTests(FastTimeoutsServerFixture server) : IClassFixture<FastTimeoutsServerFixture>
{
    [Fact]
    public async Task An_expired_offer_is_withdrawn_moves_to_the_next_listener_and_accepting_it_answers_conflict()
    {
        var topic = TestTopics.Slug(30);
        await using var slow = await server.NewMember();
        await slow.BecomeAvailableListener(topic, ["shared"]);
        await using var seeker = await server.NewMember();
        var ticket = await seeker.Request(topic, ["shared"]);
        var offer = await slow.Conn.Next<Offer>("OfferReceived");

        await using var other = await server.NewMember();
        await other.BecomeAvailableListener(topic);
        await other.Conn.AssertNone<Offer>("OfferReceived", wait: TimeSpan.FromMilliseconds(300));

        var withdrawn = await slow.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, TimeSpan.FromSeconds(5));
        Assert.Equal("expired", withdrawn.Reason);
        var late = await Assert.ThrowsAsync<HubException>(() => slow.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(late));

        var rerouted = await other.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(5));
        Assert.Equal(ticket.RequestId, rerouted.RequestId);
        // The request kept its place throughout: the seeker never saw it leave the queue.
        Assert.DoesNotContain(seeker.Conn.All<QueueTicket>("QueueUpdated"), t => !TicketStatus.IsOpen(t.Status));
    }

    [Fact]
    public async Task A_listener_who_lets_two_offers_in_a_row_expire_is_set_unavailable()
    {
        var topic = TestTopics.Slug(31);
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await first.Request(topic);
        await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.Reason == "expired", TimeSpan.FromSeconds(5));
        // One expiry leaves them available: the request (nobody else could take it) is offered to them again.
        await listener.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(5), skip: 1);
        await second.Request(topic);
        await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.Reason == "expired", TimeSpan.FromSeconds(5), skip: 1);
        // Told, not only found by asking: the server changed their availability (an outside probe: only GetMe showed it).
        var told = await listener.Conn.Next<Member>("MemberUpdated", m => m.Listener is { Available: false }, TimeSpan.FromSeconds(5));
        Assert.False(told.Listener!.Available);
        Assert.False((await listener.Conn.Invoke<Member>("GetMe")).Listener!.Available);
    }

    [Fact]
    public async Task A_request_whose_offer_expired_goes_back_to_the_only_listener_before_a_later_request()
    {
        var topic = TestTopics.Slug(35);
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await using var first = await server.NewMember();
        await using var later = await server.NewMember();
        var waiting = await first.Request(topic, note: "I have been waiting a while");
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == waiting.RequestId);
        // A later request waits behind it while the offer runs out.
        var laterTicket = await later.Request(topic);
        await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, TimeSpan.FromSeconds(5));

        // Nobody else could take it: the first request is offered again, not passed over for the later one.
        var again = await listener.Conn.Next<Offer>("OfferReceived", o => o.OfferId != offer.OfferId, TimeSpan.FromSeconds(5));
        Assert.Equal(waiting.RequestId, again.RequestId);
        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", again.OfferId);
        Assert.Equal(conversation.ConversationId, (await first.Conn.Next<Conversation>("Matched")).ConversationId);
        Assert.Equal(1, (await later.Conn.Invoke<Member>("GetMe")).OpenRequest!.Position);
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);
        await later.Conn.Invoke("CancelRequest", laterTicket.RequestId);
    }

    [Fact]
    public async Task A_listener_without_connections_for_the_grace_period_is_set_unavailable_and_the_offer_withdrawn()
    {
        var topic = TestTopics.Slug(32);
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await listener.Conn.Hub.StopAsync();

        await using var seeker = await server.NewMember();
        await seeker.Request(topic);
        // Grace is 1.5 s; wait well past it so a loaded machine still fires the deadline before we reconnect.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        var me = await back.Invoke<Member>("GetMe");
        Assert.False(me.Listener!.Available);

        await using var fresh = await server.NewMember();
        await fresh.BecomeAvailableListener(topic);
        await fresh.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_waiting_request_expires_after_its_seekers_last_connection_closed_for_the_grace_period()
    {
        var topic = TestTopics.Slug(33);
        await using var leaving = await server.NewMember();
        var ticket = await leaving.Request(topic);
        await using var staying = await server.NewMember();
        var second = await staying.Request(topic);
        Assert.Equal(2, second.Position);

        await leaving.Conn.Hub.StopAsync();
        await staying.Conn.WaitForPlace(second, p => p.Position == 1, TimeSpan.FromSeconds(10));
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, leaving.Token);
        // The page that comes back is told what became of the request (an outside probe: it was simply gone), once.
        var told = await back.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId, TimeSpan.FromSeconds(3));
        Assert.Equal(TicketStatus.Expired, told.Status);
        Assert.Null((await back.Invoke<Member>("GetMe")).OpenRequest);
        await using (var later = await TestConnection.OpenAsync(server.BaseUrl, leaving.Token))
        {
            await later.AssertNone<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId, TimeSpan.FromSeconds(1));
        }

        var again = await back.Invoke<QueueTicket>("RequestListener", new { topic });
        Assert.NotEqual(ticket.RequestId, again.RequestId);
    }

    [Fact]
    public async Task A_seeker_who_comes_back_within_the_grace_period_keeps_their_place()
    {
        var topic = TestTopics.Slug(34);
        await using var seeker = await server.NewMember();
        var ticket = await seeker.Request(topic);
        await seeker.Conn.Hub.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        await seeker.Conn.Hub.StartAsync();
        // Past the 3 s grace counted from the disconnect: had the request expired, it would be gone by now.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var again = await Assert.ThrowsAsync<HubException>(() => seeker.Request(topic));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(again));
        await seeker.Conn.Invoke("CancelRequest", ticket.RequestId);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not become true within 5 s.");
    }
}
