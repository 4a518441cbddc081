using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Members;
using MatchChat.Tests.Support;
using MatchChat.Web.Push;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace MatchChat.Tests.Push;

/// <summary>
/// Grains tell a web node one-way that a member left a channel; such an event can be lost (the node's registration
/// lapsed, a silo restarted). The node's renewal compares what it holds with the member's grain and lets go of what
/// the grain no longer lists. Here the event is lost for real: the member's grain forgets this node (as when its
/// registration expires) before the change, so it tells nobody; the node renews only when the test runs a round.
/// </summary>
public sealed class LostPushEventTests(ManualRenewalServerFixture server) : IClassFixture<ManualRenewalServerFixture>
{
    [Fact]
    public async Task A_member_who_left_a_room_while_this_node_was_not_told_stops_reading_it()
    {
        var slug = TestTopics.Slug(92);
        var channel = Channels.ForRoom(slug);
        await using var leaver = await server.NewMember();
        await using var stays = await server.NewMember();
        await leaver.Conn.Invoke<Room>("JoinRoom", slug);
        await stays.Conn.Invoke<Room>("JoinRoom", slug);

        // The leave happens while the member's grain does not know this node, so no ChannelLeft reaches it.
        var member = Grains.Ref<IMemberGrain>(leaver.Created.MemberId);
        await member.Detach(Bridge.NodeId);
        await member.LeaveRoom(slug);
        // Until this node renews, it still has them in the room's group: the defect a lost event leaves behind.
        var before = await stays.Send(channel, "said before this node renewed");
        await leaver.Conn.Next<Message>("MessageReceived", m => m.Seq == before.Seq);

        await RenewAndAssertLetGo(leaver.Created.MemberId, channel);
        var after = await stays.Send(channel, "said after they left");
        await stays.Conn.Next<Message>("MessageReceived", m => m.Seq == after.Seq);
        await leaver.Conn.AssertNone<Message>("MessageReceived", m => m.Seq == after.Seq);
    }

    [Fact]
    public async Task A_conversation_whose_end_this_node_missed_is_let_go_for_that_member()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(93));

        // The listener's end notice is lost; the seeker's arrives (same node), as does the end for the seeker's page.
        await Grains.Ref<IMemberGrain>(listener.Created.MemberId).Detach(Bridge.NodeId);
        await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        // The listener's grain hears of the end one-way: a renewal before that would still find the conversation listed.
        var listenerGrain = Grains.Ref<IMemberGrain>(listener.Created.MemberId);
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Single().EndedAt is not null);

        Assert.True(Local.Holds(listener.Created.MemberId, conversation.Channel));
        await listener.Conn.AssertNone<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);

        await RenewAndAssertLetGo(listener.Created.MemberId, conversation.Channel);
        Assert.DoesNotContain(conversation.Channel, Local.Channels());
        // The listener's page hears the end it missed, as the conversation's grain gives it (ended by the seeker).
        var ended = await listener.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        Assert.Equal(seeker.Created.Handle, ended.EndedBy);
        Assert.Equal(EndReasons.Ended, ended.Reason);
    }

    [Fact]
    public async Task A_match_this_node_missed_reaches_the_page_at_the_next_renewal()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (accepted, requestId) = await MatchWhileTheSeekersGrainForgotTheNode(seeker, listener, TestTopics.Slug(95));
        await seeker.Conn.AssertNone<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
        Assert.False(Local.Holds(seeker.Created.MemberId, accepted.Channel));

        // One renewal: the grain meets a node it does not know, and tells it the open conversations again.
        await Bridge.RenewAsync(CancellationToken.None);
        var matched = await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
        Assert.Equal(MemberRoles.Seeker, matched.Role);
        Assert.Equal(listener.Created.Handle, matched.PeerHandle);
        // Re-sent from the seeker's stored record, which names the request it answered.
        Assert.Equal(requestId, matched.RequestId);
        var sent = await listener.Send(accepted.Channel, "hi, I'm here whenever you're ready");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq);
    }

    [Fact]
    public async Task An_open_conversation_that_a_member_grain_lost_is_kept_and_the_grain_is_told_again()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(94));
        var listenerId = listener.Created.MemberId;
        var listenerGrain = Grains.Ref<IMemberGrain>(listenerId);

        // The listener's grain is reloaded from a stored state that lacks the conversation, as after a best-effort
        // write that failed (which loses the count of chats listened to with the record).
        await ReloadFromChangedStorage(listenerGrain, state =>
        {
            Assert.Equal(1, state.Conversations.RemoveAll(c => c.ConversationId == conversation.ConversationId));
            Assert.Equal(1, state.ListenedCount--);
        });
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Length == 0);
        Assert.Empty(await listenerGrain.ListConversations());
        var matchedBefore = listener.Conn.All<Conversation>("Matched").Count;

        // Two renewals in a row find the channel unlisted; the conversation's grain says it is open and theirs.
        await Bridge.RenewAsync(CancellationToken.None);
        await Bridge.RenewAsync(CancellationToken.None);
        await listener.Conn.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId, skip: matchedBefore);
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Length > 0);
        var listed = Assert.Single(await listenerGrain.ListConversations());
        Assert.Equal(conversation.ConversationId, listed.ConversationId);
        Assert.Null(listed.EndedAt);
        Assert.True(Local.Holds(listenerId, conversation.Channel));
        // The repaired record is stored (a best-effort write, after the grain applied it), with the count back.
        await Eventually.Until(async () => (await Stored(listenerGrain)).Conversations.Count > 0);
        var stored = await Stored(listenerGrain);
        Assert.Equal(conversation.ConversationId, Assert.Single(stored.Conversations).ConversationId);
        Assert.Equal(1, stored.ListenedCount);

        // The chat goes on live, and the listener can end it (their grain knows it again).
        var sent = await seeker.Send(conversation.Channel, "are you still there?");
        await listener.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq);
        await listener.Conn.Invoke("EndConversation", conversation.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
    }

    [Fact]
    public async Task A_match_missed_while_the_grain_forgot_the_node_reaches_an_open_tab_when_another_tab_connects()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (accepted, _) = await MatchWhileTheSeekersGrainForgotTheNode(seeker, listener, TestTopics.Slug(98));

        // A second tab connects before any renewal: the first tab still gets the Matched it missed.
        await seeker.ConnectAnother();
        await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
    }

    [Fact]
    public async Task A_missed_end_after_a_block_tells_the_blocker_blocked_and_the_blocked_member_only_ended()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(97));

        // Neither node hears the end: both grains forgot it.
        var listenerGrain = Grains.Ref<IMemberGrain>(listener.Created.MemberId);
        var seekerGrain = Grains.Ref<IMemberGrain>(seeker.Created.MemberId);
        await listenerGrain.Detach(Bridge.NodeId);
        await seekerGrain.Detach(Bridge.NodeId);
        await listener.Conn.Invoke("Block", seeker.Created.Handle);
        await Eventually.Until(async () =>
            (await seekerGrain.ListConversations()).Single().EndedAt is not null && (await listenerGrain.ListConversations()).Single().EndedAt is not null);

        await Bridge.RenewAsync(CancellationToken.None);
        await Bridge.RenewAsync(CancellationToken.None);
        var blockerHeard = await listener.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        var blockedHeard = await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        Assert.Equal(EndReasons.Blocked, blockerHeard.Reason);
        Assert.Equal(EndReasons.Ended, blockedHeard.Reason);
        Assert.Equal(listener.Created.Handle, blockedHeard.EndedBy);
    }

    [Fact]
    public async Task A_member_grain_that_missed_storing_an_end_ends_it_when_it_meets_the_node_again()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(96));
        await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
        await listener.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);

        // The listener's grain is reloaded from a state that still has the conversation open (the end's best-effort
        // write failed): reopened in storage, then the grain deactivated.
        var listenerGrain = Grains.Ref<IMemberGrain>(listener.Created.MemberId);
        await Eventually.Until(async () => (await Stored(listenerGrain)).Conversations.Single().EndedAt is not null);
        await ReloadFromChangedStorage(listenerGrain, state => state.Conversations[0] = state.Conversations[0] with { EndedAt = null });
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Single().EndedAt is null);
        Assert.Null((await listenerGrain.ListConversations()).Single().EndedAt);

        // A renewal: the reloaded grain meets this node anew, asks the conversation, and ends its stale record.
        await Bridge.RenewAsync(CancellationToken.None);
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Single().EndedAt is not null);
        Assert.NotNull((await listenerGrain.ListConversations()).Single().EndedAt);
        Assert.DoesNotContain(conversation.Channel, (await listenerGrain.Attach(Bridge.NodeId, Bridge.Observer)).Channels);
        Assert.False(Local.Holds(listener.Created.MemberId, conversation.Channel));
    }

    [Fact]
    public async Task An_open_conversation_a_member_grain_lost_while_they_had_no_page_open_is_on_their_next_page()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(99));
        var listenerGrain = await LoseTheRecordWithNoPageOpen(listener, conversation);
        // The conversation's activation goes too (as after two idle minutes): the seeker's next message is its first.
        await Grains.Ref<IConversationGrain>(conversation.ConversationId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var sent = await seeker.Send(conversation.Channel, "are you still there?");
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Length > 0);
        await AssertTheNextPageHasIt(seeker, listener, conversation, sent);
    }

    [Fact]
    public async Task An_open_conversation_a_member_grain_lost_is_told_again_while_the_other_keeps_writing()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(100));
        var listenerGrain = await LoseTheRecordWithNoPageOpen(listener, conversation);

        // The conversation stays active (its sends keep it): a send after the retell interval (2 s here) tells both
        // members again.
        Message? sent = null;
        await Eventually.Until(async () =>
        {
            sent = await seeker.Send(conversation.Channel, "hello? I'll keep writing in case you come back");
            await Task.Delay(250);
            return (await listenerGrain.ListConversations()).Length > 0;
        }, TimeSpan.FromSeconds(15));
        await AssertTheNextPageHasIt(seeker, listener, conversation, sent!);
    }

    /// <summary>The listener closes their page, then their grain is reloaded from a stored state without the conversation.</summary>
    private async Task<IMemberGrain> LoseTheRecordWithNoPageOpen(TestMember listener, Conversation conversation)
    {
        await listener.Conn.Hub.StopAsync();
        var listenerGrain = Grains.Ref<IMemberGrain>(listener.Created.MemberId);
        await ReloadFromChangedStorage(listenerGrain, state =>
        {
            Assert.Equal(1, state.Conversations.RemoveAll(c => c.ConversationId == conversation.ConversationId));
            Assert.Equal(1, state.ListenedCount--);
        });
        await Eventually.Until(async () => (await listenerGrain.ListConversations()).Length == 0);
        Assert.Empty(await listenerGrain.ListConversations());
        return listenerGrain;
    }

    /// <summary>The listener's next page lists the conversation, reads what was said meanwhile, and gets the next message live.</summary>
    private async Task AssertTheNextPageHasIt(TestMember seeker, TestMember listener, Conversation conversation, Message sent)
    {
        var page = await listener.ConnectAnother();
        var listed = Assert.Single(await page.Invoke<Conversation[]>("ListConversations"));
        Assert.Equal(conversation.ConversationId, listed.ConversationId);
        Assert.Null(listed.EndedAt);
        Assert.Equal(seeker.Created.Handle, listed.PeerHandle);
        var listenerGrain = Grains.Ref<IMemberGrain>(listener.Created.MemberId);
        await Eventually.Until(async () => (await Stored(listenerGrain)).Conversations.Count > 0);
        Assert.Equal(conversation.ConversationId, Assert.Single((await Stored(listenerGrain)).Conversations).ConversationId);
        Assert.Equal(1, (await Stored(listenerGrain)).ListenedCount);
        var history = await page.Invoke<Message[]>("GetHistory", conversation.Channel, null, null, null);
        Assert.Contains(history, m => m.Seq == sent.Seq);
        var next = await seeker.Send(conversation.Channel, "oh good, you're back");
        await page.Next<Message>("MessageReceived", m => m.Seq == next.Seq);
    }

    private IGrainFactory Grains => server.Services.GetRequiredService<IGrainFactory>();

    private IGrainStorage Storage => server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    /// <summary>What storage holds for the member (read from storage, not from the grain).</summary>
    private async Task<MemberState> Stored(IMemberGrain member)
    {
        var stored = new GrainState<MemberState>(new MemberState());
        await Storage.ReadStateAsync("member", member.GetGrainId(), stored);
        return stored.State!;
    }

    /// <summary>Changes what storage holds for the member, then deactivates the grain: the next call reads the change.</summary>
    private async Task ReloadFromChangedStorage(IMemberGrain member, Action<MemberState> change)
    {
        var stored = new GrainState<MemberState>(new MemberState());
        await Storage.ReadStateAsync("member", member.GetGrainId(), stored);
        change(stored.State!);
        await Storage.WriteStateAsync("member", member.GetGrainId(), stored);
        await member.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
    }

    /// <summary>
    /// The seeker's grain forgets this node (its registration lapsed, or its silo went) just before the listener
    /// accepts, so the seeker's Matched reaches nobody; returns once the seeker's grain has the conversation (with the
    /// listener's view of it and the seeker's request id).
    /// </summary>
    private async Task<(Conversation Accepted, string RequestId)> MatchWhileTheSeekersGrainForgotTheNode(TestMember seeker, TestMember listener, string topic)
    {
        await listener.BecomeAvailableListener(topic);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);
        var seekerGrain = Grains.Ref<IMemberGrain>(seeker.Created.MemberId);
        await seekerGrain.Detach(Bridge.NodeId);
        var accepted = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await Eventually.Until(async () => (await seekerGrain.ListConversations()).Length > 0);
        Assert.Equal(accepted.ConversationId, Assert.Single(await seekerGrain.ListConversations()).ConversationId);
        return (accepted, offer.RequestId);
    }

    private PushBridge Bridge => server.Services.GetRequiredService<PushBridge>();

    private LocalConnections Local => server.Services.GetRequiredService<LocalConnections>();

    /// <summary>
    /// The node held the member in the channel, and still does after one renewal (the event might yet arrive); after
    /// a second, within 10 s (the let-go waits for the channel's queued sends), it does not.
    /// </summary>
    private async Task RenewAndAssertLetGo(string memberId, string channel)
    {
        Assert.True(Local.Holds(memberId, channel));
        await Bridge.RenewAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.True(Local.Holds(memberId, channel));
        await Bridge.RenewAsync(CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(!Local.Holds(memberId, channel)));
        Assert.False(Local.Holds(memberId, channel));
    }
}
