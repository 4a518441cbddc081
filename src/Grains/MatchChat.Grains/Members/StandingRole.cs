using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>
/// A member's standing (PROTOCOL.md "Trust and safety" and "Deletion and retention"): suspension and ban by a moderator,
/// and deletion by the member. Both take the member out of everything at once (open request, offers, conversations,
/// rooms) and tell every web node that holds their connections to close them. The edge refuses their token from then on
/// by reading <see cref="Suspended"/> through <c>GetStanding</c>, so a node that missed the close still refuses a new
/// connection. A timed suspension ends by itself: <see cref="Suspended"/> compares its end with the clock.
/// </summary>
internal sealed class StandingRole(IMemberContext m, ListenerRole listener, IMessageStore store, IEnumerable<IMemberErasure> erasures)
{
    private MemberState S => m.State;

    public bool Suspended => S.Banned || S.SuspendedUntil > m.Now;

    /// <summary>Whether the standing in force lasts at least as long as a suspension until <paramref name="until"/> (null: a ban).</summary>
    public bool Outlasts(DateTime? until) => Suspended && (S.Banned || (until is { } end && S.SuspendedUntil >= end));

    /// <summary>A repeated suspension that changes nothing still ends what a first one's failed withdrawal left open.</summary>
    public Task WithdrawAgain() => Withdraw(EndReasons.Suspended);

    /// <summary>Throws forbidden while the member is suspended: every call of theirs (their open pages until they close) is refused.</summary>
    public void RequireInGoodStanding()
    {
        if (Suspended)
        {
            throw MatchChatException.Forbidden(S.Banned
                ? "Your account has been banned by a moderator."
                : "Your account is suspended by a moderator for now. You can come back when the suspension ends.");
        }
    }

    /// <summary>
    /// What the member is told of their suspension (the <c>Suspended</c> event, the standing endpoint): its end in UTC (null
    /// for a ban) and the moderator's reason; null in good standing (a timed suspension that ended counts as none).
    /// </summary>
    public SuspensionNotice? Notice() => NoticeOf(S, m.Now);

    /// <summary>The notice of <paramref name="s"/> at <paramref name="now"/>: the moderator's words only when they were typed
    /// as the member's to read (<see cref="MemberState.SuspensionReasonForMember"/>), else a standard sentence.</summary>
    internal static SuspensionNotice? NoticeOf(MemberState s, DateTime now) => !(s.Banned || s.SuspendedUntil > now)
        ? null
        : new SuspensionNotice(
            s.Banned ? null : DateTime.SpecifyKind(s.SuspendedUntil!.Value, DateTimeKind.Utc),
            s.SuspensionReasonForMember && !string.IsNullOrEmpty(s.SuspensionReason)
                ? s.SuspensionReason
                : s.Banned ? "A moderator banned your account." : "A moderator suspended your account.");

    public async Task Suspend(DateTime? until, string reason)
    {
        if (until is { } end && end <= m.Now)
        {
            throw MatchChatException.Invalid("A suspension must end in the future.");
        }

        await m.Writes.Change(s =>
        {
            s.Banned = until is null;
            s.SuspendedUntil = until;
            s.SuspensionReason = reason;
            s.SuspensionReasonForMember = true;
            s.RoomsLeftBySuspension = [.. (s.RoomsLeftBySuspension ?? []).Union(s.Rooms)];
        });
        m.Logger.LogInformation("Member suspended ({Kind})", until is null ? "ban" : "timed");
        // Closed first, so nothing more reaches or leaves their pages while the rest is withdrawn; their pages hear why
        // (Suspended) before the close, in the same call, so the node cannot order them the other way round.
        var notice = Notice()!;
        m.Notify(n => n.MemberSuspended(m.MemberId, notice));
        await Withdraw(EndReasons.Suspended);
    }

    public async Task Unsuspend()
    {
        if (!S.Banned && S.SuspendedUntil is null)
        {
            return;
        }

        await m.Writes.Change(s =>
        {
            s.Banned = false;
            s.SuspendedUntil = null;
            s.SuspensionReason = null;
            s.SuspensionReasonForMember = false;
            s.RoomsLeftBySuspension = null;
        });
        m.Logger.LogInformation("Member's suspension lifted");
    }

    /// <summary>Safe to repeat: a deletion that failed part way (storage did not answer) is finished by the next call.</summary>
    public async Task Delete()
    {
        // Where their messages may be on someone's screen: every conversation still listed, every room joined now (read
        // before the withdrawal leaves the rooms, and kept for a retry: a first attempt may have left them already).
        var conversations = S.Conversations.Select(c => c.ConversationId).ToList();
        if (S.RoomsToTellOfRedaction is null)
        {
            await m.Writes.Change(s => s.RoomsToTellOfRedaction = [.. s.Rooms.Union(s.RoomsLeftBySuspension ?? [])]);
        }

        var rooms = S.RoomsToTellOfRedaction!.ToList();
        var handle = S.Handle;
        await Withdraw(EndReasons.Deleted);
        foreach (var erasure in erasures)
        {
            await erasure.EraseAsync(m.MemberId, m.Grains);
        }

        try
        {
            await store.RedactSenderAsync(m.MemberId);
        }
        catch (MessageStoreUnavailableException)
        {
            throw MatchChatException.Unavailable("Your messages could not all be erased just now. Please try again in a moment: nothing else is lost.");
        }

        if (handle is not null)
        {
            // One-way: open pages replace the erased texts with "removed" (a reload reads them redacted anyway).
            foreach (var id in conversations)
            {
                _ = m.Grains.Ref<IConversationGrain>(id).SenderRedacted(m.MemberId, handle);
            }

            foreach (var slug in rooms)
            {
                _ = m.Grains.Ref<IRoomGrain>(slug).SenderRedacted(m.MemberId, handle);
            }
        }

        await m.Writes.Change(s =>
        {
            s.DeletedAt = m.Now;
            s.Listener = null;
            s.Request = null;
            s.Offers.Clear();
            s.Conversations.Clear();
            s.Rooms.Clear();
            s.Moderator = false;
            s.LastAssignedAt = null;
            s.SuspensionReason = null;
            s.SuspensionReasonForMember = false;
            s.RoomsToTellOfRedaction = null;
            s.RoomsLeftBySuspension = null;
            s.Appeal = null;
            s.PendingThanks.Clear();
            s.PendingWarnings.Clear();
        });
        m.Logger.LogInformation("Member deleted their data");
        m.Notify(n => n.CloseMember(m.MemberId, EndReasons.Deleted));
        await m.WatchPresence();
    }

    /// <summary>
    /// A conversation that started while the member was being suspended or deleted (its hand-over was already under way when the
    /// request was cancelled) is ended at once; true when it was.
    /// </summary>
    public async Task<bool> EndIfOutOfStanding(Conversation conversation)
    {
        if (!Suspended && S.DeletedAt is null)
        {
            return false;
        }

        var reason = S.DeletedAt is null ? EndReasons.Suspended : EndReasons.Deleted;
        await m.Grains.Ref<IConversationGrain>(conversation.ConversationId).End(m.MemberId, reason);
        return true;
    }

    /// <summary>Out of everything: open request, offers and availability, active conversations, rooms.</summary>
    private async Task Withdraw(string reason)
    {
        if (S.Request is { } request)
        {
            await m.Queue(request.Topic).Cancel(request.RequestId, TicketStatus.Cancelled);
            await m.Writes.Change(s => s.Request = null);
        }

        await listener.GoUnavailable(OfferReasons.Unavailable);
        foreach (var conversation in S.Conversations.Where(c => c.EndedAt is null).ToList())
        {
            // Both participants hear ConversationEnded with this reason (one-way, from the conversation grain).
            await m.Grains.Ref<IConversationGrain>(conversation.ConversationId).End(m.MemberId, reason);
        }

        foreach (var slug in S.Rooms.ToList())
        {
            await m.Grains.Ref<IRoomGrain>(slug).Leave(m.MemberId);
            await m.Writes.Change(s => s.Rooms.Remove(slug));
            m.Notify(n => n.ChannelLeft(m.MemberId, Channels.ForRoom(slug)));
        }

        await m.WatchPresence();
    }
}
