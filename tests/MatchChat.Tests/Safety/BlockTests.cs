using System.Diagnostics;
using System.Text.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace MatchChat.Tests.Safety;

/// <summary>PROTOCOL.md Trust and safety: Block, Unblock, ListBlocked, over real WebSockets.</summary>
public sealed class BlockTests(BlockServerFixture server, ITestOutputHelper output) : IClassFixture<BlockServerFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_block_ends_the_conversation_blocked_to_the_blocker_ended_to_the_other_and_they_are_not_matched_again_until_unblocked()
    {
        var topic = TestTopics.Slug(10);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic, max: 1);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await seeker.Conn.Next<Conversation>("Matched");

        var clock = Stopwatch.StartNew();
        await seeker.Conn.Invoke("Block", listener.Handle);
        var answered = clock.Elapsed;
        var toBlocker = await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        var toBlocked = await listener.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        output.WriteLine($"Block answered in {answered.TotalMilliseconds:F0} ms; both ConversationEnded within {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("blocked", toBlocker.Reason);
        Assert.Equal("ended", toBlocked.Reason);
        var refused = await Assert.ThrowsAsync<HubException>(() => listener.Send(conversation.Channel, "are you there?"));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(refused));

        // They are the only two on the topic, the listener is free again, and still no offer is made.
        var again = await seeker.Request(topic);
        await listener.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == again.RequestId, Quiet);

        await seeker.Conn.Invoke("Unblock", listener.Handle);
        var unblocked = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == again.RequestId);
        Assert.Equal(topic, unblocked.Topic);
    }

    [Fact]
    public async Task A_listener_who_blocks_a_seeker_loses_the_open_offer_and_never_gets_their_requests_until_unblocking()
    {
        var topic = TestTopics.Slug(11);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        var request = await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == request.RequestId);

        await listener.Conn.Invoke("Block", seeker.Handle);
        await listener.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId);
        await seeker.Conn.Next<QueueTicket>("QueueUpdated", t => t.RequestId == request.RequestId && t.Status == "waiting");
        var accept = await Assert.ThrowsAsync<HubException>(() => listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(accept));
        await listener.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == request.RequestId && o.OfferId != offer.OfferId, Quiet);

        await listener.Conn.Invoke("Unblock", seeker.Handle);
        await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == request.RequestId && o.OfferId != offer.OfferId);
    }

    [Fact]
    public async Task A_blocked_seekers_request_goes_to_another_listener_and_keeps_its_place()
    {
        var topic = TestTopics.Slug(12);
        await using var seeker = await server.NewMember();
        await using var blocker = await server.NewMember();
        await using var other = await server.NewMember();
        await blocker.BecomeAvailableListener(topic);
        await blocker.Conn.Invoke("Block", seeker.Handle);
        var request = await seeker.Request(topic);
        await blocker.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == request.RequestId, Quiet);

        await other.BecomeAvailableListener(topic);
        await other.Conn.Next<Offer>("OfferReceived", o => o.RequestId == request.RequestId);
    }

    [Fact]
    public async Task A_blocked_members_room_messages_reach_the_blocker_neither_live_nor_in_history_until_unblocked()
    {
        var slug = TestTopics.Slug(20);
        var channel = $"room:{slug}";
        await using var blocker = await server.NewMember();
        await using var blocked = await server.NewMember();
        await using var bystander = await server.NewMember();
        var blockersOtherTab = await blocker.ConnectAnother();
        foreach (var m in new[] { blocker, blocked, bystander })
        {
            await m.Conn.Invoke<Room>("JoinRoom", slug);
        }

        var before = await blocked.Send(channel, "said before the block");
        await blocker.Conn.Next<Message>("MessageReceived", m => m.Seq == before.Seq);
        var own = await blocker.Send(channel, "the blocker's own message");

        await blocker.Conn.Invoke("Block", blocked.Handle);
        var during = await blocked.Send(channel, "said after the block");
        await bystander.Conn.Next<Message>("MessageReceived", m => m.Seq == during.Seq);
        await blocker.Conn.AssertNone<Message>("MessageReceived", m => m.Seq == during.Seq);
        await blockersOtherTab.AssertNone<Message>("MessageReceived", m => m.Seq == during.Seq, TimeSpan.Zero);
        // Nor does the blocker see them typing (an outside probe found PeerTyping still shown).
        await blocked.Conn.Invoke("Typing", channel);
        await bystander.Conn.Next<PeerTyping>("PeerTyping", t => t.Handle == blocked.Handle);
        await blocker.Conn.AssertNone<PeerTyping>("PeerTyping", t => t.Handle == blocked.Handle);
        await blockersOtherTab.AssertNone<PeerTyping>("PeerTyping", t => t.Handle == blocked.Handle, TimeSpan.Zero);
        var fromBystander = await bystander.Send(channel, "still heard");
        await blocker.Conn.Next<Message>("MessageReceived", m => m.Seq == fromBystander.Seq);

        // History leaves out every message of the blocked member, old or new; others still read them all.
        var history = await blocker.History(channel);
        Assert.Equal(new[] { own.Seq, fromBystander.Seq }, history.Select(m => m.Seq));
        Assert.DoesNotContain(history, m => m.SenderHandle == blocked.Handle);
        Assert.Equal(4, (await bystander.History(channel)).Length);
        // A page asked for by seq is refilled past the hidden messages.
        Assert.Equal(new[] { own.Seq }, (await blocker.History(channel, limit: 1, beforeSeq: fromBystander.Seq)).Select(m => m.Seq));

        await blocker.Conn.Invoke("Unblock", blocked.Handle);
        Assert.Equal(4, (await blocker.History(channel)).Length);
        var afterUnblock = await blocked.Send(channel, "heard again");
        await blocker.Conn.Next<Message>("MessageReceived", m => m.Seq == afterUnblock.Seq);
    }

    [Fact]
    public async Task ListBlocked_shows_handles_and_times_only_and_blocking_twice_is_harmless()
    {
        await using var me = await server.NewMember();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        var start = DateTime.UtcNow.AddMinutes(-1);
        await me.Conn.Invoke("Block", first.Handle);
        await me.Conn.Invoke("Block", second.Handle);
        await me.Conn.Invoke("Block", first.Handle);

        var listed = await me.Conn.Invoke<JsonElement>("ListBlocked");
        Assert.Equal(2, listed.GetArrayLength());
        foreach (var entry in listed.EnumerateArray())
        {
            Assert.Equal(["blockedAt", "handle"], entry.EnumerateObject().Select(p => p.Name).Order());
            Assert.True(entry.GetProperty("blockedAt").GetDateTime() > start);
        }

        Assert.Equal(new[] { second.Handle, first.Handle }, listed.EnumerateArray().Select(e => e.GetProperty("handle").GetString()));
        await me.Conn.Invoke("Unblock", first.Handle);
        await me.Conn.Invoke("Unblock", first.Handle);
        Assert.Equal(second.Handle, Assert.Single((await me.Conn.Invoke<JsonElement>("ListBlocked")).EnumerateArray()).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Blocking_yourself_an_unknown_or_malformed_handle_answers_clearly_and_changes_nothing()
    {
        await using var me = await server.NewMember();
        Assert.StartsWith("invalid: ", await Error(me, "Block", me.Handle));
        Assert.StartsWith("not_found: ", await Error(me, "Block", "NobodyHere-1"));
        Assert.StartsWith("invalid: ", await Error(me, "Block", "<b>x</b>"));
        Assert.StartsWith("not_found: ", await Error(me, "Unblock", "NobodyHere-1"));
        Assert.Equal(0, (await me.Conn.Invoke<JsonElement>("ListBlocked")).GetArrayLength());
    }

    [Fact]
    public async Task Block_is_rate_limited_per_member()
    {
        await using var me = await server.NewMember();
        var others = new List<TestMember>();
        for (var i = 0; i <= BlockServerFixture.BlocksPerHour; i++)
        {
            others.Add(await server.NewMember());
        }

        for (var i = 0; i < BlockServerFixture.BlocksPerHour; i++)
        {
            await me.Conn.Invoke("Block", others[i].Handle);
        }

        Assert.StartsWith("rate_limited: ", await Error(me, "Block", others[^1].Handle));
        Assert.Equal(BlockServerFixture.BlocksPerHour, (await me.Conn.Invoke<JsonElement>("ListBlocked")).GetArrayLength());

        // Another member's allowance is their own.
        await others[^1].Conn.Invoke("Block", me.Handle);
        foreach (var o in others)
        {
            await o.DisposeAsync();
        }
    }

    private static async Task<string> Error(TestMember member, string method, params object?[] args) =>
        HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke(method, args)));
}
