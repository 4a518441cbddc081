using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Hub;

/// <summary>
/// A member with several connections on one node (tabs, a phone and a laptop): member events reach each of them through
/// the node's member → connections index, and one of them closing mid-conversation does not disturb the others.
/// </summary>
public sealed class SeveralConnectionsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const int Messages = 60;

    [Fact]
    public async Task One_of_three_connections_closing_mid_stream_leaves_the_others_every_message_in_order_and_every_member_event()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var second = await seeker.ConnectAnother();
        var third = await seeker.ConnectAnother();
        var topic = TestTopics.Slug(7);

        var (forSeeker, _) = await Journeys.Match(seeker, listener, topic);
        var channel = forSeeker.Channel;

        // Member event (Matched) on every connection of the member, not only the one that asked.
        foreach (var connection in new[] { second, third })
        {
            await connection.Next<Conversation>("Matched", c => c.ConversationId == forSeeker.ConversationId);
        }

        var closing = Task.CompletedTask;
        for (var i = 1; i <= Messages; i++)
        {
            await listener.Send(channel, $"message {i}", $"several-{i}");
            if (i == Messages / 3)
            {
                // Closed while the rest of the stream is being sent and pushed, not awaited before the next send.
                closing = second.DisposeAsync().AsTask();
            }
        }

        await closing;
        foreach (var connection in new[] { seeker.Conn, third })
        {
            await connection.Next<Message>("MessageReceived", m => m.Channel == channel && m.Seq == Messages, TimeSpan.FromSeconds(30));
            var received = connection.All<Message>("MessageReceived").Where(m => m.Channel == channel).ToList();
            Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), received.Select(m => m.Seq));
            Assert.Equal(Enumerable.Range(1, Messages).Select(i => $"message {i}"), received.Select(m => m.Text));
        }

        // A member event after the close still reaches both remaining connections (the closed one left the index).
        await listener.Conn.Invoke("EndConversation", forSeeker.ConversationId);
        foreach (var connection in new[] { seeker.Conn, third })
        {
            var ended = await connection.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == forSeeker.ConversationId);
            Assert.Equal(listener.Handle, ended.EndedBy);
        }
    }

    [Fact]
    public async Task A_member_whose_only_connection_closed_and_who_reconnects_gets_member_events_on_the_new_connection()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var topic = TestTopics.Slug(8);
        var (forSeeker, _) = await Journeys.Match(seeker, listener, topic);

        await seeker.Conn.DisposeAsync();
        var fresh = await seeker.ConnectAnother();

        var sent = await listener.Send(forSeeker.Channel, "still here?");
        var received = await fresh.Next<Message>("MessageReceived", m => m.Channel == forSeeker.Channel && m.Seq == sent.Seq);
        Assert.Equal("still here?", received.Text);
        await listener.Conn.Invoke("EndConversation", forSeeker.ConversationId);
        await fresh.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == forSeeker.ConversationId);
    }

    [Fact]
    public async Task A_tab_opened_while_another_is_open_gets_the_open_offer_and_the_seekers_ticket()
    {
        // The first tabs stay open, so the node already has both members: the new tabs still hear what is open.
        var topic = TestTopics.Slug(91);
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        var ticket = await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");

        var listenerTab = await listener.ConnectAnother();
        var seekerTab = await seeker.ConnectAnother();
        Assert.Equal(offer.OfferId, (await listenerTab.Next<Offer>("OfferReceived")).OfferId);
        var again = await seekerTab.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId);
        Assert.Equal(TicketStatus.Offered, again.Status);

        // The offer is taken from the new tab.
        var conversation = await listenerTab.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await seekerTab.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId);
    }

    /// <summary>An outside probe: a repeated accept answered "expired or withdrawn" while the seeker sat in the open chat.</summary>
    [Fact]
    public async Task An_accept_repeated_after_its_answer_was_lost_answers_the_same_conversation_and_a_decline_says_it_was_accepted()
    {
        var topic = TestTopics.Slug(93);
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var otherTab = await listener.ConnectAnother();

        var again = await otherTab.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal(conversation.ConversationId, again.ConversationId);
        Assert.Equal(conversation.PeerHandle, again.PeerHandle);
        var declined = await Assert.ThrowsAsync<HubException>(() => otherTab.Invoke("DeclineOffer", offer.OfferId));
        Assert.Contains("conflict: You already accepted this offer", declined.Message);
        Assert.Equal(1, (await listener.Conn.Invoke<Member>("GetMe")).Listener!.ActiveChats);
    }

    [Fact]
    public async Task A_request_made_in_one_tab_shows_in_the_other_at_once_and_a_cancel_there_reaches_the_first()
    {
        await using var seeker = await server.NewMember();
        var other = await seeker.ConnectAnother();
        var topic = TestTopics.Slug(92);

        var ticket = await seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic });

        // The other tab learns of the request without asking, with the ticket the first tab got.
        var shown = await other.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId);
        Assert.Equal(TicketStatus.Waiting, shown.Status);
        Assert.Equal(topic, shown.Topic);

        // Cancelled from the other tab: the first hears it.
        await other.Invoke("CancelRequest", ticket.RequestId);
        await seeker.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId && t.Status == TicketStatus.Cancelled);

        // The tab that asked had the answer: it was not sent the waiting ticket again.
        Assert.DoesNotContain(seeker.Conn.All<QueueTicket>("QueueUpdated"), t => t.RequestId == ticket.RequestId && t.Status == TicketStatus.Waiting);
    }
}
