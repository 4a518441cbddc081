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
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await listenerGrain.ListConversations()).Single().EndedAt is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

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
        var topic = TestTopics.Slug(95);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);

        // The seeker's grain forgets this node (its registration lapsed, or its silo went) just before the match, so
        // the seeker's Matched reaches nobody.
        var seekerGrain = Grains.Ref<IMemberGrain>(seeker.Created.MemberId);
        await seekerGrain.Detach(Bridge.NodeId);
        var accepted = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await seekerGrain.ListConversations()).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(accepted.ConversationId, Assert.Single(await seekerGrain.ListConversations()).ConversationId);
        await seeker.Conn.AssertNone<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
        Assert.False(Local.Holds(seeker.Created.MemberId, accepted.Channel));

        // One renewal: the grain meets a node it does not know, and tells it the open conversations again.
        await Bridge.RenewAsync(CancellationToken.None);
        var matched = await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
        Assert.Equal(MemberRoles.Seeker, matched.Role);
        Assert.Equal(listener.Created.Handle, matched.PeerHandle);
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
        // write that failed: the record is taken out of storage, then the grain is deactivated.
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var stored = new GrainState<MemberState>(new MemberState());
        await storage.ReadStateAsync("member", listenerGrain.GetGrainId(), stored);
        Assert.Equal(1, stored.State!.Conversations.RemoveAll(c => c.ConversationId == conversation.ConversationId));
        // A failed write loses the count of chats listened to with the record.
        Assert.Equal(1, stored.State.ListenedCount--);
        await storage.WriteStateAsync("member", listenerGrain.GetGrainId(), stored);
        await listenerGrain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await listenerGrain.ListConversations()).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Empty(await listenerGrain.ListConversations());
        var matchedBefore = listener.Conn.All<Conversation>("Matched").Count;

        // Two renewals in a row find the channel unlisted; the conversation's grain says it is open and theirs.
        await Bridge.RenewAsync(CancellationToken.None);
        await Bridge.RenewAsync(CancellationToken.None);
        await listener.Conn.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId, skip: matchedBefore);
        deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await listenerGrain.ListConversations()).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var listed = Assert.Single(await listenerGrain.ListConversations());
        Assert.Equal(conversation.ConversationId, listed.ConversationId);
        Assert.Null(listed.EndedAt);
        Assert.True(Local.Holds(listenerId, conversation.Channel));
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            // The repaired record is stored (a best-effort write, after the grain applied it).
            await storage.ReadStateAsync("member", listenerGrain.GetGrainId(), stored);
            if (stored.State.Conversations.Any(c => c.ConversationId == conversation.ConversationId) || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Contains(stored.State.Conversations, c => c.ConversationId == conversation.ConversationId);
        Assert.Equal(1, stored.State.ListenedCount);

        // The chat goes on live, and the listener can end it (their grain knows it again).
        var sent = await seeker.Send(conversation.Channel, "are you still there?");
        await listener.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq);
        await listener.Conn.Invoke("EndConversation", conversation.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
    }

    [Fact]
    public async Task A_match_missed_while_the_grain_forgot_the_node_reaches_an_open_tab_when_another_tab_connects()
    {
        var topic = TestTopics.Slug(98);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);
        var seekerGrain = Grains.Ref<IMemberGrain>(seeker.Created.MemberId);
        await seekerGrain.Detach(Bridge.NodeId);
        var accepted = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await seekerGrain.ListConversations()).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

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
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (((await seekerGrain.ListConversations()).Single().EndedAt is null || (await listenerGrain.ListConversations()).Single().EndedAt is null)
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

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
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var stored = new GrainState<MemberState>(new MemberState());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await storage.ReadStateAsync("member", listenerGrain.GetGrainId(), stored);
            if (stored.State!.Conversations.Single().EndedAt is not null || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(50);
        }

        stored.State.Conversations[0] = stored.State.Conversations[0] with { EndedAt = null };
        await storage.WriteStateAsync("member", listenerGrain.GetGrainId(), stored);
        await listenerGrain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await listenerGrain.ListConversations()).Single().EndedAt is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null((await listenerGrain.ListConversations()).Single().EndedAt);

        // A renewal: the reloaded grain meets this node anew, asks the conversation, and ends its stale record.
        await Bridge.RenewAsync(CancellationToken.None);
        deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await listenerGrain.ListConversations()).Single().EndedAt is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotNull((await listenerGrain.ListConversations()).Single().EndedAt);
        Assert.DoesNotContain(conversation.Channel, (await listenerGrain.Attach(Bridge.NodeId, Bridge.Observer)).Channels);
        Assert.False(Local.Holds(listener.Created.MemberId, conversation.Channel));
    }

    private IGrainFactory Grains => server.Services.GetRequiredService<IGrainFactory>();

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
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Local.Holds(memberId, channel) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(Local.Holds(memberId, channel));
    }
}
