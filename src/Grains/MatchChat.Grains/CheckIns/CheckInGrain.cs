using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Crisis;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Network;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.CheckIns;

/// <summary>
/// One per member: the check-ins they scheduled. The entry is written here first, then handed to the receiver's inbox,
/// which delivers it; if the hand-over fails the entry is taken back and the caller hears <c>unavailable</c>. Calls go one
/// way (this grain → inbox → member grain), so no call cycle can form.
/// </summary>
public sealed class CheckInGrain(
    [PersistentState("checkins", StorageNames.Grains)] IPersistentState<CheckInState> state,
    DeepCopier<CheckInState> copier,
    TimeProvider time,
    ILogger<CheckInGrain> logger) : Grain, ICheckInGrain
{
    private WriteThrough<CheckInState>? _writes;

    private string MemberId => this.GetPrimaryKeyString();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private WriteThrough<CheckInState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    private ICheckInInboxGrain Inbox(string? forId) => GrainFactory.Ref<ICheckInInboxGrain>(forId ?? MemberId);

    public async Task<ScheduledCheckIn> Schedule(int inMinutes, string? note, string? forId, string? forHandle)
    {
        if (inMinutes is < 1 or > ICheckInGrain.MaxMinutes)
        {
            throw MatchChatException.Invalid($"inMinutes must be 1 to {ICheckInGrain.MaxMinutes:N0}.");
        }

        if (forId == MemberId)
        {
            (forId, forHandle) = (null, null);
        }

        // The card, not GetStanding: it interleaves, so a deletion of this member that waits for Erase here cannot deadlock.
        var mine = await GrainFactory.Ref<IMemberGrain>(MemberId).ContactCard();
        if (!mine.Exists)
        {
            throw MatchChatException.NotFound("This member does not exist. Create a new member to continue.");
        }

        if (mine.Suspended)
        {
            throw MatchChatException.Forbidden("Your account is suspended by a moderator for now, so you cannot schedule check-ins.");
        }

        if (forId is not null)
        {
            var theirs = await GrainFactory.Ref<IMemberGrain>(forId).ContactCard();
            if (NetworkRules.EitherBlocked(MemberId, mine, forId, theirs))
            {
                throw MatchChatException.NotFound("That handle is not in your network any more.");
            }

            if (!NetworkRules.MayReach(MemberId, mine, forId, theirs))
            {
                throw MatchChatException.Forbidden(
                    "Check-ins reach a teen only from teen listeners and from adults a moderator approved to listen to teens.");
            }
        }

        var now = Now;
        if (state.State.Scheduled.Count(s => s.DueAt > now) >= ICheckInGrain.MaxScheduled)
        {
            throw MatchChatException.Conflict(
                $"You have {ICheckInGrain.MaxScheduled} check-ins scheduled, the most there can be. Cancel one first.");
        }

        var fromHandle = forId is null ? null : mine.Handle;
        var entry = new ScheduledEntry(Ids.New(), forId, forHandle, note, now.AddMinutes(inMinutes));
        await Writes.Change(s =>
        {
            s.Scheduled = CheckInRules.TrimScheduled(s.Scheduled, now);
            s.Scheduled.Add(entry);
            if (forId is not null)
            {
                s.SentTo = CheckInRules.NoteReceiver(s.SentTo, forId, entry.DueAt);
            }
        });
        try
        {
            await Inbox(forId).Add(new PendingCheckIn(entry.CheckInId, forId is null ? null : MemberId, fromHandle, note, entry.DueAt));
        }
        catch (Exception e)
        {
            await TakeBack(entry.CheckInId);
            if (e is MatchChatException)
            {
                throw;
            }

            logger.LogWarning("A check-in could not be handed to its inbox ({ExceptionType})", e.GetType().Name);
            throw MatchChatException.Unavailable("The check-in could not be scheduled just now. Try again in a moment.");
        }

        if (note is not null)
        {
            // [crisis] A note can say what a message would ("if I'm still here tomorrow I will kill myself": an outside probe
            // saw it repeated back when due, with no care at all). Read like a request note, one-way: resources to the
            // writer, an alert whose context is this note while it is not yet due.
            _ = GrainFactory.Ref<ICrisisScreenGrain>(0).Screen(new CrisisText(MemberId, mine.Handle ?? string.Empty, note,
                CrisisSources.Note, CrisisRoles.Seeker, Topic: null, RequestId: NoteKey(entry.CheckInId)));
        }

        return new ScheduledCheckIn(entry.CheckInId, entry.DueAt);
    }

    /// <summary>The key a check-in's note is screened under (its alert id derives from it).</summary>
    internal static string NoteKey(string checkInId) => $"checkin|{checkInId}";

    public Task<WaitingNote?> NoteFor(string alertId)
    {
        var now = Now;
        var entry = state.State.Scheduled.Find(s => s.Note is not null && s.DueAt > now && CrisisScreenGrain.NoteAlertId(NoteKey(s.CheckInId)) == alertId);
        return Task.FromResult(entry is null ? null : new WaitingNote(entry.CheckInId, entry.Note!, now));
    }

    public async Task<CheckIn[]> List()
    {
        var now = Now;
        var scheduled = state.State.Scheduled
            .Where(s => s.DueAt > now)
            .OrderBy(s => s.DueAt)
            .Select(s => new CheckIn(s.CheckInId, s.DueAt, s.Note, s.ForHandle, null, CheckInStatuses.Scheduled, null));
        var delivered = await Inbox(null).Delivered();
        return [.. scheduled, .. delivered];
    }

    public async Task Cancel(string checkInId)
    {
        var entry = state.State.Scheduled.Find(s => s.CheckInId == checkInId)
            ?? throw MatchChatException.NotFound("You have no check-in with that id.");
        if (entry.DueAt <= Now)
        {
            throw MatchChatException.Conflict("That check-in is already due: it has been or is being delivered.");
        }

        await Inbox(entry.ForId).Withdraw(checkInId);
        await Writes.Change(s => s.Scheduled.RemoveAll(e => e.CheckInId == checkInId));
    }

    public async Task Erase()
    {
        // Others' inboxes first: a failure leaves these lists intact, so the deletion's retry finds them again. Delivered
        // ones go too (an outside probe: the deleted member's note stayed in the receiver's list for 7 days), as a
        // block's do. Receivers are read from SentTo as well: a check-in that waited days for its receiver to come back
        // outlives its entry in Scheduled (kept 7 days past its due time).
        var receivers = state.State.Scheduled.Where(s => s.ForId is not null).Select(s => s.ForId!)
            .Concat(state.State.SentTo.Keys)
            .Distinct(StringComparer.Ordinal);
        await Task.WhenAll(receivers.Select(forId => Inbox(forId).DropFrom(MemberId)));
        if (state.State.Scheduled.Count > 0 || state.State.SentTo.Count > 0)
        {
            await Writes.Change(s =>
            {
                s.Scheduled.Clear();
                s.SentTo.Clear();
            });
        }

        await Inbox(null).Clear();
    }

    public async Task WithdrawFor(string forId)
    {
        // Their inbox first, in one write (waiting and delivered ones): a failure leaves this list intact, so blocking
        // again (harmless) withdraws them again. The inbox's one-way Forget calls back here and finds them gone.
        await Inbox(forId).DropFrom(MemberId);
        if (state.State.Scheduled.Exists(s => s.ForId == forId) || state.State.SentTo.ContainsKey(forId))
        {
            await Writes.Change(s =>
            {
                s.Scheduled.RemoveAll(e => e.ForId == forId);
                s.SentTo.Remove(forId);
            });
        }
    }

    public async Task Forget(string checkInId)
    {
        if (state.State.Scheduled.Exists(e => e.CheckInId == checkInId))
        {
            // Both callers (the receiver's data deleted, a block) dropped every check-in of this sender's from that
            // inbox: the receiver is no longer one to look for at deletion either.
            await TakeBack(checkInId, forgetReceiver: true);
        }
    }

    private async Task TakeBack(string checkInId, bool forgetReceiver = false)
    {
        try
        {
            await Writes.Change(s =>
            {
                var forId = s.Scheduled.Find(e => e.CheckInId == checkInId)?.ForId;
                s.Scheduled.RemoveAll(e => e.CheckInId == checkInId);
                if (forgetReceiver && forId is not null)
                {
                    s.SentTo.Remove(forId);
                }
            });
        }
        catch (MatchChatException)
        {
            // Logged by WriteThrough. The entry stays listed, but its inbox never had it: nothing is delivered.
        }
    }
}
