using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Network;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.CheckIns;

/// <summary>
/// One per member: check-ins waiting to reach them. While active, a grain timer fires at the next due time (sub-second
/// precision); a reminder registered for that same time wakes the grain after a restart or a deactivation (reminders tick
/// at most once a minute, so after a restart it may come up to a minute late); and the member grain pokes this grain
/// (without awaiting it) whenever a web node newly attaches (a connection after being offline, or a node re-attaching
/// after a silo restart), and again at its next attach when a poke failed, which delivers everything due at once. A due check-in goes to the member grain, which pushes it to the
/// attached nodes; only when it says it did is it marked delivered (push first, then the write: a crash between the two
/// redelivers it with the same id, which the page shows once).
/// Every connection after being offline activates this grain (the poke above), and for almost every member there is
/// nothing waiting: an idle inbox goes after two minutes instead of the silo's default collection age, so a node full of
/// members does not keep a third activation per member (issue 12 goal 6, docs/benchmarks.md "Goal 6"). While a timer is
/// armed the activation is kept until it fires, so a pending check-in keeps its sub-second precision.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class CheckInInboxGrain(
    [PersistentState("checkin-inbox", StorageNames.Grains)] IPersistentState<CheckInInboxState> state,
    DeepCopier<CheckInInboxState> copier,
    TimeProvider time,
    ILogger<CheckInInboxGrain> logger) : Grain, ICheckInInboxGrain, IRemindable
{
    private const string DueReminder = "checkin-due";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private WriteThrough<CheckInInboxState>? _writes;
    private IGrainTimer? _timer;
    private DateTime? _reminderAt;
    private bool _reminderSynced;

    /// <summary>Whether the armed timer is a retry of a failed delivery (a re-arm for another reason keeps it one).</summary>
    private bool _retrying;

    private string MemberId => this.GetPrimaryKeyString();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private CheckInInboxState S => state.State;

    private WriteThrough<CheckInInboxState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (S.Pending.Count > 0)
        {
            await DeliverDue();
        }
    }

    public async Task Add(PendingCheckIn checkIn)
    {
        if (S.Pending.Exists(p => p.CheckInId == checkIn.CheckInId) || S.Delivered.Exists(d => d.CheckIn.CheckInId == checkIn.CheckInId))
        {
            return;
        }

        if (S.Pending.Count >= ICheckInInboxGrain.MaxPending)
        {
            throw MatchChatException.Conflict("That member has many check-ins waiting already. Try again after some are delivered.");
        }

        await Writes.Change(s => s.Pending.Add(checkIn));
        await DeliverDue();
    }

    public async Task Withdraw(string checkInId)
    {
        if (S.Pending.Exists(p => p.CheckInId == checkInId))
        {
            await Writes.Change(s => s.Pending.RemoveAll(p => p.CheckInId == checkInId));
            await Arm(_retrying);
        }
    }

    public Task MemberConnected() => DeliverDue();

    public Task<CheckIn[]> Delivered() => Task.FromResult(CheckInRules.TrimDelivered(S.Delivered, Now)
        .Select(d => new CheckIn(d.CheckIn.CheckInId, d.CheckIn.DueAt, d.CheckIn.Note, null, d.CheckIn.FromHandle,
            CheckInStatuses.Delivered, d.DeliveredAt))
        .ToArray());

    public async Task Clear()
    {
        _timer?.Dispose();
        _timer = null;
        // Whoever scheduled a check-in for this member no longer lists it (one-way calls: see ICheckInGrain.Forget).
        var others = S.Pending.Where(p => p.FromId is not null && p.FromId != MemberId).ToList();
        if (S.Pending.Count > 0 || S.Delivered.Count > 0)
        {
            await Writes.Change(s =>
            {
                s.Pending.Clear();
                s.Delivered.Clear();
            });
        }

        foreach (var pending in others)
        {
            _ = GrainFactory.Ref<ICheckInGrain>(pending.FromId!).Forget(pending.CheckInId);
        }

        await SyncReminder(null);
    }

    public async Task DropFrom(string fromId)
    {
        var theirs = S.Pending.Where(p => p.FromId == fromId).Select(p => p.CheckInId).ToList();
        if (theirs.Count == 0 && !S.Delivered.Exists(d => d.CheckIn.FromId == fromId))
        {
            return;
        }

        await Writes.Change(s =>
        {
            s.Pending.RemoveAll(p => p.FromId == fromId);
            s.Delivered.RemoveAll(d => d.CheckIn.FromId == fromId);
        });
        foreach (var checkInId in theirs)
        {
            _ = GrainFactory.Ref<ICheckInGrain>(fromId).Forget(checkInId);
        }

        await Arm(_retrying);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => DeliverDue();

    /// <summary>Hands every due check-in to the member grain, earliest first, then re-arms for the next one.</summary>
    private async Task DeliverDue()
    {
        var retry = false;
        var now = Now;
        var delivered = new List<PendingCheckIn>();
        var refused = new List<PendingCheckIn>();
        ContactCard? receiver = null;
        foreach (var checkIn in CheckInRules.Due(S.Pending, now))
        {
            CheckInDelivery outcome;
            try
            {
                if (checkIn.FromId is { } fromId && fromId != MemberId)
                {
                    // Read again when due: the sender may have been banned, one may have blocked the other, or a teen's
                    // adult contact's approval may have been revoked.
                    receiver ??= await GrainFactory.Ref<IMemberGrain>(MemberId).ContactCard();
                    if (!NetworkRules.MayReach(fromId, await GrainFactory.Ref<IMemberGrain>(fromId).ContactCard(), MemberId, receiver))
                    {
                        refused.Add(checkIn);
                        continue;
                    }
                }

                outcome = await GrainFactory.Ref<IMemberGrain>(MemberId)
                    .DeliverCheckIn(checkIn.FromId, new CheckInDue(checkIn.CheckInId, checkIn.FromHandle, checkIn.Note, checkIn.DueAt));
            }
            catch (Exception e)
            {
                logger.LogWarning("A due check-in could not be handed to its member ({ExceptionType}); retrying", e.GetType().Name);
                retry = true;
                break;
            }

            if (outcome == CheckInDelivery.Offline)
            {
                // Everything due waits for the next connection (the member grain pokes this grain then).
                logger.LogInformation("Check-ins due while their member is offline wait for the next connection");
                break;
            }

            (outcome == CheckInDelivery.Delivered ? delivered : refused).Add(checkIn);
        }

        if (delivered.Count + refused.Count > 0)
        {
            try
            {
                await Writes.Change(s =>
                {
                    var done = delivered.Concat(refused).Select(c => c.CheckInId).ToHashSet(StringComparer.Ordinal);
                    s.Pending.RemoveAll(p => done.Contains(p.CheckInId));
                    s.Delivered = CheckInRules.TrimDelivered(s.Delivered.Concat(delivered.Select(c => new DeliveredEntry(c, now))), now);
                });
                logger.LogInformation("Check-ins delivered: {Delivered}, refused: {Refused}", delivered.Count, refused.Count);
            }
            catch (MatchChatException)
            {
                // Not marked: they are delivered again (same ids) when the grain is next woken. The page shows each id once.
                retry = true;
            }
        }

        await Arm(retry);
    }

    /// <summary>The timer for the next due time (or a retry soon), and the reminder for the same time.</summary>
    private async Task Arm(bool retry = false)
    {
        _timer?.Dispose();
        _timer = null;
        _retrying = retry;
        var now = Now;
        var next = CheckInRules.NextDue(S.Pending, now);
        var delay = retry ? RetryDelay : next is { } due ? CheckInRules.TimerDelay(due, now) : (TimeSpan?)null;
        if (delay is { } d)
        {
            _timer = this.RegisterGrainTimer(_ => DeliverDue(), new GrainTimerCreationOptions(d, Timeout.InfiniteTimeSpan));
            DelayDeactivation(d + TimeSpan.FromSeconds(30));
        }

        await SyncReminder(next);
    }

    /// <summary>A reminder at the next due time while one is ahead; none otherwise (a connection delivers the rest).</summary>
    private async Task SyncReminder(DateTime? next)
    {
        // A fresh activation does not know what is registered: it syncs once whatever it wants.
        if (_reminderSynced && next == _reminderAt)
        {
            return;
        }

        try
        {
            if (next is { } due)
            {
                var dueIn = due - Now;
                await this.RegisterOrUpdateReminder(DueReminder, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, TimeSpan.FromMinutes(1));
            }
            else if (await this.GetReminder(DueReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            (_reminderAt, _reminderSynced) = (next, true);
        }
        catch (Exception e)
        {
            // Only a restart needs the reminder; the next change or activation tries again.
            logger.LogWarning("Check-in reminder not updated ({ExceptionType})", e.GetType().Name);
        }
    }
}
