using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Network;

/// <summary>
/// Check-ins on a TestingHost silo whose clock moves only when told: due times, delivery once, offline members, cancels,
/// bounds, blocks and deletion. A web node's re-attach (a renewal that is new to the member grain) and the inbox's own
/// timer both end in the same delivery; here the test pokes it as a node attaching would.
/// </summary>
public sealed class CheckInGrainTests(ManualClockClusterFixture fixture) : IClassFixture<ManualClockClusterFixture>
{
    private ManualTime Clock => fixture.Clock;

    private readonly RecordingObserver _node = new();

    private async Task<(IMemberGrain Grain, string Id, string Handle, IChatObserver Node)> Member(string ageGroup = "adult")
    {
        var id = Guid.NewGuid().ToString("N");
        var handle = "H-" + id[..8];
        var grain = fixture.Grains.GetGrain<IMemberGrain>(id);
        await grain.Create(handle, ageGroup);
        var node = fixture.Cluster.Client.CreateObjectReference<IChatObserver>(_node);
        await grain.Attach("node-" + id, node);
        return (grain, id, handle, node);
    }

    /// <summary>A node attaches (a renewal under the moved clock) and the inbox is poked, as a node attaching would;
    /// <paramref name="twice"/> pokes again, to show that nothing more is delivered.</summary>
    private async Task Wake((IMemberGrain Grain, string Id, string Handle, IChatObserver Node) member, bool twice = false)
    {
        await member.Grain.Attach("node-" + member.Id, member.Node);
        await Inbox(member.Id).MemberConnected();
        if (twice)
        {
            await Inbox(member.Id).MemberConnected();
        }
    }

    private ICheckInGrain CheckIns(string id) => fixture.Grains.GetGrain<ICheckInGrain>(id);

    private ICheckInInboxGrain Inbox(string id) => fixture.Grains.GetGrain<ICheckInInboxGrain>(id);

    private int Count(string memberId, string checkInId) =>
        _node.Events.Count(e => e.MemberId == memberId && e.Event is CheckInDue d && d.CheckInId == checkInId);

    [Fact]
    public async Task A_check_in_is_delivered_once_when_due_and_not_before()
    {
        var me = await Member();
        var scheduled = await CheckIns(me.Id).Schedule(10, "How is the breathing going?", null, null);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(10), scheduled.DueAt);

        Clock.Advance(TimeSpan.FromMinutes(9));
        await Inbox(me.Id).MemberConnected();
        Assert.Equal(0, Count(me.Id, scheduled.CheckInId));
        var listed = Assert.Single(await CheckIns(me.Id).List());
        Assert.Equal((scheduled.CheckInId, CheckInStatuses.Scheduled), (listed.CheckInId, listed.Status));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await me.Grain.Attach("node-" + me.Id, me.Node); // the node's renewal under the moved clock
        await Inbox(me.Id).MemberConnected();
        var due = await _node.Next<CheckInDue>(me.Id, d => d.CheckInId == scheduled.CheckInId);
        Assert.Null(due.FromHandle);
        Assert.Equal("How is the breathing going?", due.Note);
        Assert.Equal(scheduled.DueAt, due.DueAt);

        await Inbox(me.Id).MemberConnected();
        await Inbox(me.Id).MemberConnected();
        Assert.Equal(1, Count(me.Id, scheduled.CheckInId));
        var delivered = Assert.Single(await CheckIns(me.Id).List());
        Assert.Equal(CheckInStatuses.Delivered, delivered.Status);
    }

    [Fact]
    public async Task An_offline_member_gets_a_due_check_in_at_their_next_connection_once()
    {
        var me = await Member();
        var scheduled = await CheckIns(me.Id).Schedule(5, null, null, null);
        await me.Grain.Detach("node-" + me.Id);
        Clock.Advance(TimeSpan.FromMinutes(6));
        await Inbox(me.Id).MemberConnected();
        Assert.Equal(0, Count(me.Id, scheduled.CheckInId));

        // A node attaching is new to the member grain: it wakes the inbox one-way.
        await me.Grain.Attach("node-" + me.Id, me.Node);
        await _node.Next<CheckInDue>(me.Id, d => d.CheckInId == scheduled.CheckInId);
        await me.Grain.Detach("node-" + me.Id);
        await Wake(me);
        Assert.Equal(1, Count(me.Id, scheduled.CheckInId));
    }

    [Fact]
    public async Task A_check_in_for_a_contact_reaches_them_from_the_sender_and_the_sender_may_cancel_it_until_due()
    {
        var sender = await Member();
        var receiver = await Member();
        var kept = await CheckIns(sender.Id).Schedule(3, "thinking of you", receiver.Id, receiver.Handle);
        var cancelled = await CheckIns(sender.Id).Schedule(3, "cancel me", receiver.Id, receiver.Handle);
        var listed = await CheckIns(sender.Id).List();
        Assert.Equal(2, listed.Length);
        Assert.All(listed, c => Assert.Equal(receiver.Handle, c.ForHandle));
        Assert.Empty(await CheckIns(receiver.Id).List());

        await CheckIns(sender.Id).Cancel(cancelled.CheckInId);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(sender.Id).Cancel(cancelled.CheckInId))).Code);

        Clock.Advance(TimeSpan.FromMinutes(3));
        await Wake(receiver);
        var due = await _node.Next<CheckInDue>(receiver.Id, d => d.CheckInId == kept.CheckInId);
        Assert.Equal(sender.Handle, due.FromHandle);
        Assert.Equal(0, Count(receiver.Id, cancelled.CheckInId));
        var late = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(sender.Id).Cancel(kept.CheckInId));
        Assert.Equal(ErrorCodes.Conflict, late.Code);
        Assert.Equal(sender.Handle, Assert.Single(await CheckIns(receiver.Id).List()).FromHandle);
    }

    [Fact]
    public async Task A_receiver_who_blocked_the_sender_never_gets_their_check_in()
    {
        var sender = await Member();
        var receiver = await Member();
        var scheduled = await CheckIns(sender.Id).Schedule(2, null, receiver.Id, receiver.Handle);
        await fixture.Grains.GetGrain<IBlockListGrain>(receiver.Id).Block(sender.Id, sender.Handle);

        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(receiver, twice: true);
        Assert.Equal(0, Count(receiver.Id, scheduled.CheckInId));
        Assert.Empty(await CheckIns(receiver.Id).List());
    }

    [Fact]
    public async Task A_sender_who_then_blocked_the_receiver_does_not_reach_them_and_cannot_schedule_another()
    {
        var sender = await Member();
        var receiver = await Member();
        var scheduled = await CheckIns(sender.Id).Schedule(2, "from the one who blocked you", receiver.Id, receiver.Handle);
        await fixture.Grains.GetGrain<IBlockListGrain>(sender.Id).Block(receiver.Id, receiver.Handle);

        var refused = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(sender.Id).Schedule(2, null, receiver.Id, receiver.Handle));
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(receiver, twice: true);
        Assert.Equal(0, Count(receiver.Id, scheduled.CheckInId));
        Assert.Empty(await CheckIns(receiver.Id).List());
    }

    [Fact]
    public async Task A_block_withdraws_the_check_ins_between_the_two_both_ways_and_an_unblock_does_not_bring_them_back()
    {
        var blocker = await Member();
        var blocked = await Member();
        var earlier = await CheckIns(blocked.Id).Schedule(1, "delivered before the block", blocker.Id, blocker.Handle);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Wake(blocker);
        await _node.Next<CheckInDue>(blocker.Id, d => d.CheckInId == earlier.CheckInId);
        var fromBlocker = await CheckIns(blocker.Id).Schedule(2, "from the one who blocks you", blocked.Id, blocked.Handle);
        var fromBlocked = await CheckIns(blocked.Id).Schedule(2, "from the one they block", blocker.Id, blocker.Handle);
        var blockersOwn = await CheckIns(blocker.Id).Schedule(2, "my own", null, null);
        var blockedsOwn = await CheckIns(blocked.Id).Schedule(2, "my own too", null, null);

        await fixture.Grains.GetGrain<IBlockListGrain>(blocker.Id).Block(blocked.Id, blocked.Handle);

        // Each keeps their own; neither lists the other's words, delivered or waiting.
        Assert.Equal([blockersOwn.CheckInId], (await CheckIns(blocker.Id).List()).Select(c => c.CheckInId));
        await Eventually.Until(async () => (await CheckIns(blocked.Id).List()).Length == 1);
        Assert.Equal([blockedsOwn.CheckInId], (await CheckIns(blocked.Id).List()).Select(c => c.CheckInId));

        // Unblocked before the due time: the own ones arrive, nothing scheduled under the block's shadow does.
        await fixture.Grains.GetGrain<IBlockListGrain>(blocker.Id).Unblock(blocked.Id);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(blocked, twice: true);
        await Wake(blocker, twice: true);
        await _node.Next<CheckInDue>(blocked.Id, d => d.CheckInId == blockedsOwn.CheckInId);
        await _node.Next<CheckInDue>(blocker.Id, d => d.CheckInId == blockersOwn.CheckInId);
        await Task.Delay(300);
        Assert.Equal(0, Count(blocked.Id, fromBlocker.CheckInId));
        Assert.Equal(0, Count(blocker.Id, fromBlocked.CheckInId));
    }

    [Fact]
    public async Task A_banned_senders_check_in_is_not_delivered_and_they_cannot_schedule_another()
    {
        var sender = await Member();
        var receiver = await Member();
        var scheduled = await CheckIns(sender.Id).Schedule(2, "you cannot get away from me", receiver.Id, receiver.Handle);
        await sender.Grain.Suspend(null, "harassment");

        var refused = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(sender.Id).Schedule(2, null, receiver.Id, receiver.Handle));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(receiver, twice: true);
        Assert.Equal(0, Count(receiver.Id, scheduled.CheckInId));
        Assert.Empty(await CheckIns(receiver.Id).List());
    }

    [Fact]
    public async Task An_adult_reaches_a_teen_by_check_in_only_while_a_moderator_approves_them_for_teens()
    {
        var adult = await Member();
        var teen = await Member("teen");
        await adult.Grain.Volunteer(["t80"], [], 2, acceptsTeens: true);
        await adult.Grain.ApproveTeenListener();
        var approved = await CheckIns(adult.Id).Schedule(2, "how did the exam go?", teen.Id, teen.Handle);
        var revokedBefore = await CheckIns(adult.Id).Schedule(3, "still there?", teen.Id, teen.Handle);

        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(teen);
        await _node.Next<CheckInDue>(teen.Id, d => d.CheckInId == approved.CheckInId);

        await adult.Grain.RevokeTeenListener();
        var refused = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(adult.Id).Schedule(2, null, teen.Id, teen.Handle));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Wake(teen, twice: true);
        Assert.Equal(0, Count(teen.Id, revokedBefore.CheckInId));

        // The teen may still check in on the adult.
        var back = await CheckIns(teen.Id).Schedule(1, null, adult.Id, adult.Handle);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Wake(adult);
        Assert.Equal(teen.Handle, (await _node.Next<CheckInDue>(adult.Id, d => d.CheckInId == back.CheckInId)).FromHandle);
    }

    [Fact]
    public async Task A_deleted_member_cannot_schedule_a_check_in_from_a_page_still_open()
    {
        var me = await Member();
        await me.Grain.Delete();

        var refused = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(me.Id).Schedule(5, "left behind", null, null));
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Assert.Empty(await CheckIns(me.Id).List());
    }

    [Fact]
    public async Task Deleting_the_sender_withdraws_their_check_ins_and_erases_their_own()
    {
        var sender = await Member();
        var receiver = await Member();
        var forOther = await CheckIns(sender.Id).Schedule(2, null, receiver.Id, receiver.Handle);
        await CheckIns(sender.Id).Schedule(2, "mine", null, null);

        await sender.Grain.Delete();
        Assert.Empty(await CheckIns(sender.Id).List());
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Wake(receiver);
        Assert.Equal(0, Count(receiver.Id, forOther.CheckInId));
        Assert.Empty(await Inbox(sender.Id).Delivered());
    }

    /// <summary>An outside probe: the deleted sender's note stayed in the receiver's delivered list for 7 days.</summary>
    [Fact]
    public async Task Deleting_the_sender_takes_their_delivered_check_in_and_its_note_off_the_receivers_list()
    {
        var sender = await Member();
        var receiver = await Member();
        var delivered = await CheckIns(sender.Id).Schedule(1, "thinking of you after our talk about your mum", receiver.Id, receiver.Handle);
        var own = await CheckIns(receiver.Id).Schedule(1, "my own", null, null);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Wake(receiver);
        await _node.Next<CheckInDue>(receiver.Id, d => d.CheckInId == delivered.CheckInId);
        await _node.Next<CheckInDue>(receiver.Id, d => d.CheckInId == own.CheckInId);

        await sender.Grain.Delete();

        Assert.Equal([own.CheckInId], (await CheckIns(receiver.Id).List()).Select(c => c.CheckInId));
    }

    /// <summary>A check-in waits for a receiver who is away, for days: deleting the sender still finds it (a review: the
    /// sender's entry is kept 7 days past its due time, and only that list was read).</summary>
    [Fact]
    public async Task Deleting_the_sender_finds_a_check_in_delivered_long_after_it_was_due()
    {
        var sender = await Member();
        var receiver = await Member();
        var other = await Member();
        await receiver.Grain.Detach("node-" + receiver.Id);
        var late = await CheckIns(sender.Id).Schedule(1, "are you okay? i keep thinking about what you said", receiver.Id, receiver.Handle);
        Clock.Advance(TimeSpan.FromDays(9));
        // Another check-in of the sender's trims their due entries older than 7 days.
        await CheckIns(sender.Id).Schedule(1, null, other.Id, other.Handle);
        await Wake(receiver);
        await _node.Next<CheckInDue>(receiver.Id, d => d.CheckInId == late.CheckInId);
        Assert.Equal([late.CheckInId], (await CheckIns(receiver.Id).List()).Select(c => c.CheckInId));

        await sender.Grain.Delete();

        Assert.Empty(await CheckIns(receiver.Id).List());
    }

    [Fact]
    public async Task Deleting_the_receiver_takes_the_check_in_off_the_senders_list()
    {
        var sender = await Member();
        var receiver = await Member();
        await CheckIns(sender.Id).Schedule(5, "see you soon", receiver.Id, receiver.Handle);
        var own = await CheckIns(sender.Id).Schedule(5, "mine", null, null);

        await receiver.Grain.Delete();

        // The sender's own check-in stays; the one for the deleted member goes (an outside probe saw it listed as
        // scheduled, with the deleted handle, until its due time). The removal is one way: wait for it.
        await Eventually.Until(async () => (await CheckIns(sender.Id).List()).Length == 1);

        Assert.Equal(own.CheckInId, Assert.Single(await CheckIns(sender.Id).List()).CheckInId);
    }

    [Fact]
    public async Task At_most_fifty_check_ins_wait_and_bad_minutes_are_refused()
    {
        var me = await Member();
        for (var i = 0; i < ICheckInGrain.MaxScheduled; i++)
        {
            await CheckIns(me.Id).Schedule(60 + i, null, null, null);
        }

        var full = await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(me.Id).Schedule(5, null, null, null));
        Assert.Equal(ErrorCodes.Conflict, full.Code);
        Assert.Equal(ICheckInGrain.MaxScheduled, (await CheckIns(me.Id).List()).Length);
        Assert.Equal(ErrorCodes.Invalid, (await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(me.Id).Schedule(0, null, null, null))).Code);
        Assert.Equal(ErrorCodes.Invalid, (await Assert.ThrowsAsync<MatchChatException>(() => CheckIns(me.Id).Schedule(43_201, null, null, null))).Code);
    }
}
