using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Telemetry;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Matching;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace MatchChat.Grains.Queues;

/// <summary>
/// One per topic. Holds the waiting requests in order and the offers in flight, keeps a roster of the topic's
/// listeners (re-sent by their member grains), runs <see cref="MatchingPolicy"/> after every change, and hands an
/// accepted request over to its conversation (TopicQueueGrain.HandOver.cs).
/// Calls to member grains are one-way, so a member calling in here can never deadlock with it.
/// Offer deadlines are grain timers re-armed from the stored absolute expiry on activation; a reminder wakes the
/// grain after a restart while anyone is waiting (see README, "Timers and reminders").
/// Reentrant so that a burst of requests shares state writes (<see cref="WriteBehind"/>): every change to the queue
/// happens synchronously, before the first await of a call, so interleaving at the awaits cannot tear it.
/// </summary>
[Reentrant]
public sealed partial class TopicQueueGrain(
    [PersistentState("queue", StorageNames.Grains)] IPersistentState<TopicQueueState> state,
    IOptions<MatchChatTimings> timings,
    TimeProvider time,
    ILogger<TopicQueueGrain> logger,
    DeepCopier<TopicQueueState> copier,
    DeepCopier<QueuedRequest> requestCopier,
    Serializer<QueuedRequest> requestSerializer) : Grain, ITopicQueueGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private readonly MatchChatTimings _timings = timings.Value;
    private readonly Dictionary<string, ListenerSnapshot> _roster = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGrainTimer> _offerTimers = new(StringComparer.Ordinal);
    private WriteBehind? _writeBehind;
    private IGrainTimer? _flushTimer;
    private bool _reminderRegistered;
    private Task? _reminderSync;
    private QueueGauge? _gauge;

    private string Topic => this.GetPrimaryKeyString();
    private List<QueuedRequest> Requests => Live.Requests;
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private WriteBehind Writes => _writeBehind ??= new(
        this, WriteSnapshot, TimeSpan.FromSeconds(1), logger, _timings.QueueWritePacing, _timings.QueueWriteBytesPerSecond, () => _lastWriteBytes);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadPages();
        _indexing = true;
        BuildIndex();
        _indexing = false;

        foreach (var r in Requests.Where(r => r.HasOpenOffer))
        {
            ArmOfferTimer(r);
        }

        StartRosterClock();

        // A start that was in flight when the last activation ended: nobody waits for its answer now; settle it.
        foreach (var r in Requests.Where(r => r.IsStarting))
        {
            r.StartUnsettled = true;
            Changed(r);
        }

        if (Requests.Any(r => r.StartUnsettled))
        {
            ArmSettleTimer();
        }

        // A waiting seeker has no presence reminder: this queue wakes their member grains now and every QueueWake, so
        // a seeker whose grain was lost with its silo (or with the whole cluster) gets a new activation, whose grace
        // period ends the request if they never come back.
        WakeSeekers();
        this.RegisterGrainTimer(
            _ =>
            {
                WakeSeekers();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_timings.QueueWake, _timings.QueueWake) { KeepAlive = false });

        this.RegisterGrainTimer(
            _ =>
            {
                OnStallClock();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_timings.QueueStallStep, _timings.QueueStallStep) { KeepAlive = false });

        // Not known to be registered: with requests waiting, register it (again) so a restart is covered.
        _reminderRegistered = false;
        await SyncReminder();
        _gauge = MatchChatMetrics.TrackQueue(Topic);
        _gauge.Set(Requests.Count);
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        MatchChatMetrics.UntrackQueue(_gauge);
        await Writes.PersistIfDirty();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<QueueTicket> Enqueue(SeekerRequest request)
    {
        if (Find(request.RequestId) is null)
        {
            if (Requests.Count == 0)
            {
                Live.BusySince = Now;
            }

            // Arrival order (urgent ones first); a request re-sent after a lost write keeps its original place.
            var queued = new QueuedRequest { Request = request, Arrival = NextArrival(), Urgent = request.Urgent };
            var index = QueueOrder.InsertIndex(Requests, queued);
            Insert(index, queued);
            MatchNow(); // plans offers only: no request moves, so index is still its place
            TellNewSeekerNobodyIsAvailable(request.AgeGroup);
            var ticket = TicketAt(index);
            _lastPushed[request.RequestId] = ticket;
            // Written through: an acknowledged ticket must survive a restart. If the request was matched while
            // the write was in flight, its terminal QueueUpdated follows this answer.
            await Writes.Persist();
            await SyncReminder();
            return ticket;
        }

        var current = TicketFor(request.RequestId)!;
        _lastPushed[request.RequestId] = current;
        return current;
    }

    public async Task<bool> Cancel(string requestId, string status)
    {
        var request = Find(requestId);
        if (request is null)
        {
            return false;
        }

        if (request.IsStarting)
        {
            // Being handed over: it cannot be stopped now. If the start is given up, the cancel applies then.
            request.CancelledAs = status;
            Changed(request);
            ScheduleFlush();
            return false;
        }

        RemoveRequest(request);
        // The seeker left: not the listener's doing, so it does not count as a missed offer.
        CloseOffer(request, notifyListener: true, reason: OfferReasons.Withdrawn);
        PushTerminal(request.Request, status);
        MatchNow();
        await Writes.Persist();
        await AfterRemoval();
        return true;
    }

    public Task<QueueTicket?> GetTicket(string requestId) => Task.FromResult(TicketFor(requestId));

    public Task UpsertListener(ListenerSnapshot listener)
    {
        if (!listener.Available || !listener.Topics.Contains(Topic))
        {
            return RemoveListener(listener.ListenerId);
        }

        SetRoster(listener);
        WithdrawBlockedOffers(listener);
        MatchNow();
        return Task.CompletedTask;
    }

    public Task RemoveListener(string listenerId)
    {
        RemoveFromRoster(listenerId);
        foreach (var r in OffersTo(listenerId))
        {
            CloseOffer(r, notifyListener: true, reason: OfferReasons.Unavailable);
        }

        MatchNow();
        return Task.CompletedTask;
    }

    public Task Decline(string offerId, string listenerId, string reason)
    {
        var request = FindOffer(offerId, listenerId);
        if (request is not null)
        {
            _lapsedMayFree = true;
            if (reason == OfferReasons.Declined)
            {
                // A listener who said no to this request is not asked again about it.
                request.Exclude(listenerId);
            }
            else
            {
                // Busy or gone: out of the roster until the member grain sends a fresh snapshot.
                RemoveFromRoster(listenerId);
            }

            CloseOffer(request, notifyListener: false, reason: reason);
            MatchNow();
        }

        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has re-armed the offer timers and the settling of starts; an empty queue needs no more wake-ups.
        _reminderRegistered = true;
        return SyncReminder();
    }

    /// <summary>Runs the policy and sends the offers it plans. Writes state only when it planned an offer.</summary>
    private void MatchNow()
    {
        ReconsiderLapsed();
        foreach (var planned in PlanOffers())
        {
            var request = Find(planned.Seeker.RequestId)!;
            request.OfferId = Ids.New();
            request.OfferListenerId = planned.Listener.ListenerId;
            request.OfferExpiresAt = Now + _timings.OfferTimeout;
            IndexOffer(request);
            ArmOfferTimer(request);
            MatchChatMetrics.OfferMade(Topic, request.FirstOfferAt is null ? Now - request.Request.EnqueuedAt : null);
            request.FirstOfferAt ??= Now;
            Changed(request);
            var offer = new Offer(request.OfferId, request.Request.RequestId, Topic, request.Request.Experiences,
                request.Request.Note, request.Request.AgeGroup, request.OfferExpiresAt.Value,
                request.Urgent ? Priorities.Urgent : Priorities.Normal, planned.MatchReason, request.Request.SeekerHandle);
            _ = GrainFactory.Ref<IMemberGrain>(planned.Listener.ListenerId).OnOfferMade(offer);
            Writes.MarkDirty();
        }

        // Every change to the queue ends here.
        _gauge?.Set(Requests.Count);
        ScheduleFlush();
    }

    private void CloseOffer(QueuedRequest request, bool notifyListener, string reason)
    {
        if (request.OfferId is not { } offerId)
        {
            return;
        }

        MatchChatMetrics.OfferClosed(Topic, reason);
        UnindexOffer(request);
        if (_offerTimers.Remove(offerId, out var timer))
        {
            timer.Dispose();
        }

        if (notifyListener && request.OfferListenerId is { } listenerId)
        {
            _ = GrainFactory.Ref<IMemberGrain>(listenerId).OnOfferClosed(offerId, reason);
        }

        request.OfferId = null;
        request.OfferListenerId = null;
        request.OfferExpiresAt = null;
        Track(request);
        Writes.MarkDirty();
    }

    private void ArmOfferTimer(QueuedRequest request)
    {
        var offerId = request.OfferId!;
        var due = request.OfferExpiresAt!.Value - Now;
        _offerTimers[offerId] = this.RegisterGrainTimer(
            _ => OnOfferExpired(offerId),
            new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private Task OnOfferExpired(string offerId)
    {
        if (_byOffer.TryGetValue(offerId, out var request))
        {
            logger.LogInformation("Offer expired in topic {Topic}", Topic);
            // The request moves on to the next eligible listener. With nobody else who could take it, it is offered to
            // the same listener again rather than left behind while they sit free and later requests are served (an
            // outside probe: an urgent seeker waited on, a normal one was matched with that listener at once); a
            // listener who lets two offers in a row expire is set unavailable by their member grain.
            var listenerId = request.OfferListenerId!;
            if (AnotherCouldTake(request, listenerId))
            {
                Lapsed(request, listenerId);
            }

            CloseOffer(request, notifyListener: true, reason: OfferReasons.Expired);
            MatchNow();
        }

        return Task.CompletedTask;
    }

    private void PushTerminal(SeekerRequest request, string status)
    {
        _lastPushed.Remove(request.RequestId);
        _ = GrainFactory.Ref<IMemberGrain>(request.SeekerId)
            .OnTicketUpdated(new QueueTicket(request.RequestId, Topic, status, null, null));
    }

    private async Task AfterRemoval()
    {
        if (Requests.Count == 0)
        {
            Live.BusySince = null;
        }

        await SyncReminder();
    }

    /// <summary>One one-way call to each waiting seeker's member grain (activating it if it was lost).</summary>
    private void WakeSeekers()
    {
        foreach (var seekerId in Requests.Select(r => r.Request.SeekerId).Distinct())
        {
            _ = GrainFactory.Ref<IMemberGrain>(seekerId).OnQueueActivated(Topic);
        }
    }

    /// <summary>
    /// Brings the wake reminder in line with whether anyone is waiting. One sync runs at a time and re-checks after
    /// each await, so interleaved enqueues and cancels can leave neither a stray reminder nor a missing one.
    /// </summary>
    private Task SyncReminder() => _reminderSync is { IsCompleted: false } running ? running : _reminderSync = SyncReminderLoop();

    private async Task SyncReminderLoop()
    {
        try
        {
            for (var wanted = Requests.Count > 0; wanted != _reminderRegistered; wanted = Requests.Count > 0)
            {
                if (wanted)
                {
                    await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                }
                else if (await this.GetReminder(WakeReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _reminderRegistered = wanted;
            }
        }
        catch (Exception e)
        {
            // Only a restart needs the reminder; the next change or activation tries again.
            logger.LogWarning("Wake reminder of topic {Topic} not updated ({ExceptionType})", Topic, e.GetType().Name);
        }
    }

    private void ScheduleFlush()
    {
        _flushTimer ??= this.RegisterGrainTimer(
            _ => Flush(),
            new GrainTimerCreationOptions(_timings.QueueUpdateDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>Pushes the tickets a client could not work out by itself (TopicQueueGrain.Progress.cs), and writes state, once per debounce window.</summary>
    private async Task Flush()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        PushChangedTickets();
        try
        {
            await Writes.PersistIfDirty();
        }
        catch (Exception)
        {
            // WriteBehind has logged it and retries.
        }
    }
}
