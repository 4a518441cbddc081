using MatchChat.Contracts;
using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Rooms;

/// <summary>
/// Moderators' actions in the room (mute, unmute, remove, ban, unban; <see cref="RoomModeration"/> holds the rules)
/// and what a reader's blocks hide. A muted member's sends answer forbidden while the mute holds; a banned member is
/// taken out and their joins answer forbidden. The member grain hears of a removal one-way (it calls in here awaited).
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>How long the room waits at most before it looks again for mutes that have ended.</summary>
    private static readonly TimeSpan MuteEndCheck = TimeSpan.FromSeconds(5);

    private IGrainTimer? _muteEnds;

    /// <summary>Mutes that ended up to here have been told (mutes that ended before this activation are not told).</summary>
    private DateTime _mutesToldUntil = DateTime.MinValue;

    public async Task Moderate(string memberId, string action, int? minutes)
    {
        _ = topics.Find(Slug) ?? throw MatchChatException.NotFound("There is no room with that name.");
        var now = Now;
        var until = RoomModeration.Until(now, minutes);
        switch (action)
        {
            case RoomActions.Mute:
                await Writes.Change(s => RoomModeration.Impose(s, s.MutedUntil, memberId, until, now));
                TellMuted(memberId, until);
                ArmMuteEnds();
                break;
            case RoomActions.Unmute:
                var wasMuted = RoomModeration.IsMuted(state.State, memberId, now);
                await Writes.ChangeIf(s => s.MutedUntil.Remove(memberId));
                if (wasMuted)
                {
                    TellMuted(memberId, null);
                }

                break;
            case RoomActions.Ban:
                var wasMember = state.State.Members.ContainsKey(memberId);
                await Writes.Change(s =>
                {
                    RoomModeration.Impose(s, s.BannedUntil, memberId, until, now);
                    s.Members.Remove(memberId);
                    s.LastSeen.Remove(memberId);
                });
                AfterRemoval(memberId, wasMember, RoomLeaving.Banned);
                break;
            case RoomActions.Unban:
                await Writes.ChangeIf(s => s.BannedUntil.Remove(memberId));
                break;
            case RoomActions.Remove:
                var member = state.State.Members.ContainsKey(memberId);
                await Writes.ChangeIf(s => s.Members.Remove(memberId) | s.LastSeen.Remove(memberId));
                AfterRemoval(memberId, member, RoomLeaving.Removed);
                break;
            default:
                throw MatchChatException.Invalid("action must be mute, unmute, remove, ban or unban.");
        }

        logger.LogInformation("Room moderation: {Action} in room {Room}", action, Slug);
    }

    public async Task RemoveMessage(long seq)
    {
        StoredMessage? removed;
        try
        {
            removed = await Store.RedactMessageAsync(Channel, seq);
        }
        catch (MessageStoreUnavailableException)
        {
            throw MatchChatException.Unavailable("The message could not be removed just now. Please try again in a moment.");
        }

        if (removed is null)
        {
            throw MatchChatException.NotFound("There is no message with that seq in this room (it may have been erased by retention).");
        }

        var notice = new MessageRemoved(Channel, seq, removed.SenderHandle);
        Nodes.Notify(n => n.MessageRemoved(removed.SenderId, notice));
        logger.LogInformation("Room moderation: a message removed in room {Room}", Slug);
    }

    /// <summary>A muted member may read the room but not write to it (nor show as typing).</summary>
    protected override void RequireWriter(string memberId)
    {
        RequireReader(memberId);
        if (state.State.MutedUntil.TryGetValue(memberId, out var until) && until > Now)
        {
            throw MatchChatException.Forbidden($"A moderator has muted you in this room{RoomModeration.Describe(until)}. You can still read it.");
        }
    }

    /// <summary>A reader does not see the room messages of members they blocked.</summary>
    protected override async Task<IReadOnlySet<string>> HiddenSenders(string memberId)
    {
        var blocked = await GrainFactory.Ref<IBlockListGrain>(memberId).BlockedIds();
        return blocked.ToHashSet(StringComparer.Ordinal);
    }

    private void RequireNotBanned(string memberId)
    {
        if (state.State.BannedUntil.TryGetValue(memberId, out var until) && until > Now)
        {
            throw MatchChatException.Forbidden($"A moderator has banned you from this room{RoomModeration.Describe(until)}.");
        }
    }

    /// <summary>The member's open pages hear the mute (<paramref name="until"/> its end) or its end (null).</summary>
    private void TellMuted(string memberId, DateTime? until)
    {
        var muted = new MutedInRoom(Slug, Channel, until is not null, until == DateTime.MaxValue ? null : until);
        Nodes.Notify(n => n.MutedInRoom(memberId, muted));
    }

    /// <summary>
    /// While the room is active, the end of a timed mute is told when it comes (<c>MutedInRoom</c> with muted false, within
    /// a few seconds), so a client need not keep its own clock. One timer, at the nearest end (looked at again every
    /// <see cref="MuteEndCheck"/>); a mute that ends while the room is not active is
    /// told by nothing (the member's next JoinRoom or ListRooms says it, and the page lifts it at its <c>until</c>).
    /// </summary>
    private void ArmMuteEnds()
    {
        _muteEnds?.Dispose();
        _muteEnds = null;
        var now = Now;
        var next = state.State.MutedUntil.Values.Where(u => u > now && u != DateTime.MaxValue).DefaultIfEmpty(DateTime.MaxValue).Min();
        if (next == DateTime.MaxValue)
        {
            return;
        }

        // At most a few seconds ahead, looked at again then: the end is read from the grain's clock, not the timer's.
        var due = TimeSpan.FromTicks(Math.Min((next - now).Ticks, MuteEndCheck.Ticks)) + TimeSpan.FromMilliseconds(20);
        _muteEnds = this.RegisterGrainTimer(TellMutesEnded, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    private Task TellMutesEnded()
    {
        var now = Now;
        foreach (var (memberId, until) in state.State.MutedUntil)
        {
            if (until > _mutesToldUntil && until <= now)
            {
                TellMuted(memberId, null);
            }
        }

        _mutesToldUntil = now;
        ArmMuteEnds();
        return Task.CompletedTask;
    }

    private void AfterRemoval(string memberId, bool wasMember, string how)
    {
        _present.Remove(memberId);
        if (wasMember)
        {
            // The room's nodes take the member's connections out of the group at once (this grain's later messages
            // follow it); the member grain drops the room from their list and tells their nodes too. The count for the
            // others goes after, so the one removed does not hear it as a member first (an outside probe saw a
            // RoomUpdated with joined: true before the one with joined: false).
            var room = Snapshot(joined: false) with { Left = how };
            Nodes.Notify(n => n.RemovedFromRoom(memberId, room));
            _ = GrainFactory.Ref<IMemberGrain>(memberId).OnRemovedFromRoom(room);
            PushCount();
        }
    }
}
