using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Hub;

/// <summary>The seeker and listener journeys through the real hub, over real WebSockets.</summary>
public sealed class ConversationJourneyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Seeker_and_listener_sharing_an_experience_are_matched_talk_both_ways_in_seq_order_and_ending_restores_capacity()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var profile = await listener.Volunteer(TestTopics.Slug(1), ["lost-a-parent", "night-shifts"], max: 1);
        Assert.False(profile.Available);
        profile = await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        Assert.True(profile.Available);

        var ticket = await seeker.Request(TestTopics.Slug(1), ["Lost-A-Parent"], "My dad died last month.");
        // An available listener is offered the request before RequestListener even returns.
        Assert.Equal(TicketStatus.Offered, ticket.Status);
        Assert.Equal(1, ticket.Position);

        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        Assert.Equal(ticket.RequestId, offer.RequestId);
        Assert.Equal(["lost-a-parent"], offer.Experiences);
        Assert.Equal("My dad died last month.", offer.Note);
        Assert.Equal("adult", offer.SeekerAgeGroup);
        Assert.InRange(offer.ExpiresAt, DateTime.UtcNow.AddSeconds(20), DateTime.UtcNow.AddSeconds(31));

        var forListener = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal("listener", forListener.Role);
        Assert.Equal(seeker.Handle, forListener.PeerHandle);
        Assert.Equal(["lost-a-parent"], forListener.SharedExperiences);
        Assert.Equal($"conversation:{forListener.ConversationId}", forListener.Channel);

        var forSeeker = await seeker.Conn.Next<Conversation>("Matched");
        Assert.Equal(forListener.ConversationId, forSeeker.ConversationId);
        Assert.Equal("seeker", forSeeker.Role);
        Assert.Equal(listener.Handle, forSeeker.PeerHandle);
        await listener.Conn.Next<Conversation>("Matched");
        await seeker.Conn.Next<QueueTicket>("QueueUpdated", t => t.Status == TicketStatus.Matched);
        Assert.Equal(1, (await listener.Conn.Invoke<Member>("GetMe")).Listener!.ActiveChats);

        var channel = forSeeker.Channel;
        var m1 = await seeker.Send(channel, "Thank you for being here.");
        var m2 = await listener.Send(channel, "I'm glad you reached out.\nTake your time.");
        var m3 = await seeker.Send(channel, "It still feels unreal.");
        Assert.Equal([1L, 2L, 3L], new[] { m1.Seq, m2.Seq, m3.Seq });
        Assert.Equal(seeker.Handle, m1.SenderHandle);
        Assert.Equal(listener.Handle, m2.SenderHandle);

        foreach (var member in new[] { seeker, listener })
        {
            foreach (var sent in new[] { m1, m2, m3 })
            {
                var received = await member.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq && m.Channel == channel);
                Assert.Equal(sent.Text, received.Text);
                Assert.Equal(sent.ClientMessageId, received.ClientMessageId);
            }
        }

        await seeker.Conn.Invoke("EndConversation", forSeeker.ConversationId);
        var ended = await listener.Conn.Next<ConversationEnded>("ConversationEnded");
        Assert.Equal(seeker.Handle, ended.EndedBy);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        var me = await listener.Conn.Invoke<Member>("GetMe");
        Assert.Equal(0, me.Listener!.ActiveChats);

        var afterEnd = await Assert.ThrowsAsync<HubException>(() => listener.Send(channel, "hello?"));
        Assert.Contains("conflict: ", afterEnd.Message);
        var history = await seeker.History(channel);
        Assert.Equal([1L, 2L, 3L], history.Select(m => m.Seq));

        // Capacity is back: the same listener takes the next seeker.
        await using var next = await server.NewMember();
        await next.Request(TestTopics.Slug(1));
        await listener.Conn.Next<Offer>("OfferReceived", skip: 1);
    }

    [Fact]
    public async Task Typing_is_shown_to_the_peer_and_never_echoed_to_the_typists_own_tabs()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(14));
        var seekerSecondTab = await seeker.ConnectAnother();
        await seekerSecondTab.Invoke<Member>("GetMe"); // answered only after the tab has joined its channels

        await seeker.Conn.Invoke("Typing", conversation.Channel);
        var shown = await listener.Conn.Next<PeerTyping>("PeerTyping");
        Assert.Equal((conversation.Channel, seeker.Handle), (shown.Channel, shown.Handle));

        // The listener's typing arrives after the seeker's own would have (one ordered push path per node).
        await listener.Conn.Invoke("Typing", conversation.Channel);
        await seeker.Conn.Next<PeerTyping>("PeerTyping", t => t.Handle == listener.Handle);
        await seekerSecondTab.Next<PeerTyping>("PeerTyping", t => t.Handle == listener.Handle);
        Assert.DoesNotContain(seeker.Conn.All<PeerTyping>("PeerTyping"), t => t.Handle == seeker.Handle);
        Assert.DoesNotContain(seekerSecondTab.All<PeerTyping>("PeerTyping"), t => t.Handle == seeker.Handle);
        Assert.DoesNotContain(listener.Conn.All<PeerTyping>("PeerTyping"), t => t.Handle == listener.Handle);
    }

    [Fact]
    public async Task The_listener_with_most_shared_experiences_is_offered_first_and_a_decline_reroutes_to_the_next()
    {
        var topic = TestTopics.Slug(2);
        await using var stranger = await server.NewMember();
        await using var kindred = await server.NewMember();
        await using var seeker = await server.NewMember();
        await stranger.BecomeAvailableListener(topic, ["exams"]);
        await kindred.BecomeAvailableListener(topic, ["miscarriage", "infertility"]);

        var ticket = await seeker.Request(topic, ["miscarriage", "infertility"]);
        var first = await kindred.Conn.Next<Offer>("OfferReceived");
        await stranger.Conn.AssertNone<Offer>("OfferReceived");

        await kindred.Conn.Invoke("DeclineOffer", first.OfferId);
        var second = await stranger.Conn.Next<Offer>("OfferReceived");
        Assert.Equal(ticket.RequestId, second.RequestId);
        Assert.NotEqual(first.OfferId, second.OfferId);

        var again = await Assert.ThrowsAsync<HubException>(() => kindred.Conn.Invoke<Conversation>("AcceptOffer", first.OfferId));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(again));
    }

    [Fact]
    public async Task Waiting_seekers_see_their_position_and_move_up_first_in_first_out()
    {
        var topic = TestTopics.Slug(3);
        await using var a = await server.NewMember();
        await using var b = await server.NewMember();
        await using var c = await server.NewMember();
        Assert.Equal(1, (await a.Request(topic)).Position);
        var ofB = await b.Request(topic);
        Assert.Equal(2, ofB.Position);
        var third = await c.Request(topic);
        Assert.Equal(3, third.Position);
        Assert.Null(third.EstimatedWaitSeconds);

        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 3);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var requestOfA = (await a.Conn.Next<QueueTicket>("QueueUpdated", t => t.Status == TicketStatus.Offered)).RequestId;
        Assert.Equal(requestOfA, offer.RequestId);
        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);

        // The page's place (wwwroot/js/queue.js): the ticket, moved on by the topic's QueueProgress broadcast.
        await b.Conn.WaitForPlace(ofB, p => p.Position == 1);
        var cMoved = await c.Conn.WaitForPlace(third, p => p.Position == 2 && p.EstimatedWaitSeconds is not null);
        Assert.True(cMoved.EstimatedWaitSeconds >= 0);
        var second = await listener.Conn.Next<Offer>("OfferReceived", o => o.OfferId != offer.OfferId);
        Assert.Equal(ofB.RequestId, second.RequestId);
    }

    [Fact]
    public async Task A_seeker_waiting_for_a_full_listener_is_offered_the_moment_a_conversation_ends()
    {
        var topic = TestTopics.Slug(10);
        await using var listener = await server.NewMember();
        await using var first = await server.NewMember();
        await using var waiting = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 1);
        await first.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var ticket = await waiting.Request(topic);
        Assert.Equal(TicketStatus.Waiting, ticket.Status);
        await listener.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);

        await listener.Conn.Invoke("EndConversation", conversation.ConversationId);
        var next = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        Assert.True(next.ExpiresAt > DateTime.UtcNow);
    }

    [Fact]
    public async Task A_listener_who_opens_a_new_tab_sees_the_offer_still_open()
    {
        var topic = TestTopics.Slug(11);
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        var ticket = await seeker.Request(topic);
        await listener.Conn.Next<Offer>("OfferReceived");
        await listener.Conn.Hub.StopAsync();
        await using var reloaded = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        var again = await reloaded.Next<Offer>("OfferReceived");
        Assert.Equal(ticket.RequestId, again.RequestId);
        var conversation = await reloaded.Invoke<Conversation>("AcceptOffer", again.OfferId);
        await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId);
    }

    [Fact]
    public async Task A_seeker_who_reconnects_is_told_their_place_in_the_queue_again()
    {
        var topic = TestTopics.Slug(13);
        await using var first = await server.NewMember();
        await using var seeker = await server.NewMember();
        await first.Request(topic);
        var ticket = await seeker.Request(topic);
        await seeker.Conn.Hub.StopAsync();
        await using var reloaded = await TestConnection.OpenAsync(server.BaseUrl, seeker.Token);
        var again = await reloaded.Next<QueueTicket>("QueueUpdated");
        Assert.Equal((ticket.RequestId, 2, TicketStatus.Waiting), (again.RequestId, again.Position!.Value, again.Status));
    }

    [Fact]
    public async Task A_seeker_can_cancel_and_then_ask_again()
    {
        var topic = TestTopics.Slug(4);
        await using var seeker = await server.NewMember();
        var ticket = await seeker.Request(topic);
        var second = await Assert.ThrowsAsync<HubException>(() => seeker.Request(topic));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(second));

        await seeker.Conn.Invoke("CancelRequest", ticket.RequestId);
        await seeker.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == ticket.RequestId && t.Status == TicketStatus.Cancelled);
        var again = await seeker.Request(topic);
        Assert.NotEqual(ticket.RequestId, again.RequestId);
        Assert.Equal(1, again.Position);
    }

    [Fact]
    public async Task Every_connection_of_a_member_gets_its_events_and_a_new_tab_joins_existing_conversations()
    {
        var topic = TestTopics.Slug(5);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var secondTab = await seeker.ConnectAnother();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        await secondTab.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId);

        var fromListener = await listener.Send(conversation.Channel, "hello both tabs");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == fromListener.Seq);
        await secondTab.Next<Message>("MessageReceived", m => m.Seq == fromListener.Seq);

        var thirdTab = await seeker.ConnectAnother();
        var later = await listener.Send(conversation.Channel, "the third tab hears this too");
        await thirdTab.Next<Message>("MessageReceived", m => m.Seq == later.Seq);
        var own = await thirdTab.Invoke<Message>("SendMessage", conversation.Channel, "tab3-1", "sent from tab three");
        await secondTab.Next<Message>("MessageReceived", m => m.Seq == own.Seq);
        await listener.Conn.Next<Message>("MessageReceived", m => m.Seq == own.Seq);
    }

    [Fact]
    public async Task A_reconnecting_member_fills_the_gap_from_history_by_seq()
    {
        var topic = TestTopics.Slug(6);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        var first = await listener.Send(conversation.Channel, "before you dropped");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == first.Seq);

        await seeker.Conn.Hub.StopAsync();
        var missed = new List<Message>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add(await listener.Send(conversation.Channel, $"while you were away {i}"));
        }

        await seeker.Conn.Hub.StartAsync();
        var gap = await seeker.History(conversation.Channel, afterSeq: first.Seq);
        Assert.Equal(missed.Select(m => m.Seq), gap.Select(m => m.Seq));
        Assert.Equal(missed.Select(m => m.Text), gap.Select(m => m.Text));

        var live = await listener.Send(conversation.Channel, "and live again");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == live.Seq);
    }

    [Fact]
    public async Task SendMessage_is_idempotent_by_client_message_id_and_a_reused_id_with_other_text_is_a_conflict()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(7));
        var original = await seeker.Send(conversation.Channel, "only once please", "retry-1");
        var retried = await seeker.Send(conversation.Channel, "only once please", "retry-1");
        Assert.Equal(original, retried);
        var conflict = await Assert.ThrowsAsync<HubException>(() => seeker.Send(conversation.Channel, "something else", "retry-1"));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(conflict));

        var next = await seeker.Send(conversation.Channel, "the next one", "retry-2");
        Assert.Equal(original.Seq + 1, next.Seq);
        Assert.Equal(2, (await seeker.History(conversation.Channel)).Length);
        // The peer's own id space is separate: the same id from the listener is a new message.
        var peers = await listener.Send(conversation.Channel, "mine", "retry-1");
        Assert.Equal(next.Seq + 1, peers.Seq);

        // After the peer ends it, a send repeated because its answer was lost still gets the original (an outside probe
        // got "conflict: This conversation has ended"); a new send is refused.
        await listener.Conn.Invoke("EndConversation", conversation.ConversationId);
        Assert.Equal(next, await seeker.Send(conversation.Channel, "the next one", "retry-2"));
        var ended = await Assert.ThrowsAsync<HubException>(() => seeker.Send(conversation.Channel, "one more", "retry-3"));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(ended));
    }

    [Fact]
    public async Task GetHistory_pages_with_after_before_and_limit()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(8));
        for (var i = 1; i <= 12; i++)
        {
            await (i % 2 == 0 ? listener : seeker).Send(conversation.Channel, $"message {i}");
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), (await seeker.History(conversation.Channel)).Select(m => m.Seq));
        Assert.Equal([9L, 10L, 11L, 12L], (await seeker.History(conversation.Channel, limit: 4)).Select(m => m.Seq));
        Assert.Equal([4L, 5L, 6L], (await seeker.History(conversation.Channel, afterSeq: 3, limit: 3)).Select(m => m.Seq));
        Assert.Equal([3L, 4L], (await seeker.History(conversation.Channel, beforeSeq: 5, limit: 2)).Select(m => m.Seq));
        Assert.Equal([6L, 7L], (await listener.History(conversation.Channel, afterSeq: 5, beforeSeq: 8)).Select(m => m.Seq));
    }

    [Fact]
    public async Task GetHistory_accepts_only_the_channel_as_the_contract_allows()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(12));
        await seeker.Send(conversation.Channel, "one");
        var all = await seeker.Conn.Invoke<Message[]>("GetHistory", conversation.Channel);
        Assert.Single(all);
        var after = await seeker.Conn.Invoke<Message[]>("GetHistory", conversation.Channel, 0L);
        Assert.Single(after);
    }

    [Fact]
    public async Task ListConversations_shows_active_conversations_first_then_ended_ones()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (first, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(9));
        await seeker.Conn.Invoke("EndConversation", first.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        var offersSoFar = listener.Conn.Count("OfferReceived");
        await seeker.Request(TestTopics.Slug(9));
        var offer = await listener.Conn.Next<Offer>("OfferReceived", skip: offersSoFar);
        var second = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);

        var list = await seeker.Conn.Invoke<Conversation[]>("ListConversations");
        Assert.Equal([second.ConversationId, first.ConversationId], list.Select(c => c.ConversationId));
        Assert.Null(list[0].EndedAt);
        Assert.NotNull(list[1].EndedAt);
    }

    [Fact]
    public async Task Without_a_valid_token_the_hub_answers_401()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var anonymous = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var forged = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1&access_token=djF8eHx5fDk5OTk5OTk5OTk.AAAA", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => TestConnection.OpenAsync(server.BaseUrl, "not-a-token"));
    }

}
