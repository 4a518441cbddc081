using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Matching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Queues;

/// <summary>
/// One per topic. Holds the waiting requests in order and the offers in flight, keeps a roster of the topic's
/// listeners (re-sent by their member grains), and runs <see cref="MatchingPolicy"/> after every change.
/// Calls to member grains are one-way, so a member calling in here can never deadlock with it.
/// Offer deadlines are grain timers re-armed from the stored absolute expiry on activation; a reminder wakes the
/// grain after a restart while anyone is waiting (see README, "Timers and reminders").
/// Reentrant so that a burst of requests shares state writes (group commit, see <see cref="PersistAsync"/>):
/// every change to the queue happens synchronously, before the first await of a call, so interleaving at the
/// awaits cannot tear it; a caller returns only after a write that began after its change has completed.
/// </summary>
[Reentrant]
public sealed class TopicQueueGrain(
    [PersistentState("queue", StorageNames.Grains)] IPersistentState<TopicQueueState> state,
    IOptions<MatchChatTimings> timings,
    TimeProvider time,
    ILogger<TopicQueueGrain> logger) : Grain, ITopicQueueGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private readonly MatchChatTimings _timings = timings.Value;
    private readonly Dictionary<string, ListenerSnapshot> _roster = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGrainTimer> _offerTimers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueTicket> _lastPushed = new(StringComparer.Ordinal);
    private IGrainTimer? _flushTimer;
    private bool _dirty;
    private IGrainTimer? _retryWrite;
    private bool _reminderRegistered;
    private TaskCompletionSource? _nextWrite;
    private bool _writing;

    private string Topic => this.GetPrimaryKeyString();
    private List<QueuedRequest> Requests => state.State.Requests;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var r in Requests.Where(r => r.HasOpenOffer))
        {
            ArmOfferTimer(r);
        }

        _reminderRegistered = Requests.Count > 0;
        if (Requests.Count > 0)
        {
            await EnsureReminder(true);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await PersistAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<QueueTicket> Enqueue(SeekerRequest request)
    {
        var existing = Find(request.RequestId);
        if (existing is null)
        {
            if (Requests.Count == 0)
            {
                state.State.BusySince = Now;
            }

            // Arrival order; a request re-sent after a lost write keeps its original place.
            var index = Requests.FindLastIndex(r => r.Request.EnqueuedAt <= request.EnqueuedAt) + 1;
            Requests.Insert(index, new QueuedRequest { Request = request });
            MatchNow();
            var ticket = TicketFor(request.RequestId)!;
            _lastPushed[request.RequestId] = ticket;
            // Written through: an acknowledged ticket must survive a restart. If the request was matched while
            // the write was in flight, its terminal QueueUpdated follows this answer.
            await PersistAsync();
            await EnsureReminder(true);
            return ticket;
        }

        var current = TicketFor(request.RequestId)!;
        _lastPushed[request.RequestId] = current;
        return current;
    }

    public async Task<bool> Cancel(string requestId, string status)
    {
        var index = Requests.FindIndex(r => r.Request.RequestId == requestId);
        if (index < 0)
        {
            return false;
        }

        var request = Requests[index];
        Requests.RemoveAt(index);
        // The seeker left: not the listener's doing, so it does not count as a missed offer.
        CloseOffer(request, notifyListener: true, reason: "withdrawn");

        PushTerminal(request.Request, status);
        MatchNow();
        await PersistAsync();
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

        _roster[listener.ListenerId] = listener;
        MatchNow();
        return Task.CompletedTask;
    }

    public Task RemoveListener(string listenerId)
    {
        _roster.Remove(listenerId);
        foreach (var r in Requests.Where(r => r.OfferListenerId == listenerId).ToList())
        {
            CloseOffer(r, notifyListener: true, reason: "unavailable");
        }

        MatchNow();
        return Task.CompletedTask;
    }

    public async Task<MatchResult> Accept(string offerId, string listenerId)
    {
        var request = Requests.FirstOrDefault(r => r.OfferId == offerId && r.OfferListenerId == listenerId);
        if (request is null || request.OfferExpiresAt <= Now)
        {
            throw MatchChatException.Conflict("This offer has expired or was withdrawn. Stay available for the next one.");
        }

        CloseOffer(request, notifyListener: false, reason: "accepted");
        Requests.Remove(request);
        WaitEstimator.RecordMatch(state.State, Now);

        var listenerExperiences = _roster.TryGetValue(listenerId, out var l) ? l.Experiences : [];
        if (l is not null)
        {
            // Until the member grain re-sends its snapshot, count the new chat here so no one is over-offered.
            _roster[listenerId] = l with { ActiveChats = l.ActiveChats + 1, LastAssignedAt = Now };
        }

        PushTerminal(request.Request, TicketStatus.Matched);
        MatchNow();
        try
        {
            await PersistAsync();
            await AfterRemoval();
        }
        catch (Exception)
        {
            // The match is decided and the listener is waiting for it; failing here would lose the seeker (the
            // request is already out of the queue). The state write is retried until storage answers; a reminder
            // left registered only wakes an empty queue.
        }
        logger.LogInformation("Request matched in topic {Topic} after {WaitSeconds:F1}s", Topic, (Now - request.Request.EnqueuedAt).TotalSeconds);
        return new MatchResult(
            request.Request.RequestId,
            request.Request.SeekerId,
            request.Request.SeekerHandle,
            Topic,
            request.Request.Experiences.Where(listenerExperiences.Contains).ToArray(),
            request.Request);
    }

    public Task Decline(string offerId, string listenerId, string reason)
    {
        var request = Requests.FirstOrDefault(r => r.OfferId == offerId && r.OfferListenerId == listenerId);
        if (request is not null)
        {
            if (reason == "declined")
            {
                // A listener who said no to this request is not asked again about it.
                request.Excluded.Add(listenerId);
            }
            else
            {
                // Busy or gone: out of the roster until the member grain sends a fresh snapshot.
                _roster.Remove(listenerId);
            }

            CloseOffer(request, notifyListener: false, reason: reason);
            MatchNow();
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has re-armed the offer timers; an empty queue needs no more wake-ups.
        if (Requests.Count == 0)
        {
            await EnsureReminder(false);
        }
    }

    private QueuedRequest? Find(string requestId) => Requests.FirstOrDefault(r => r.Request.RequestId == requestId);

    private QueueTicket? TicketFor(string requestId)
    {
        var index = Requests.FindIndex(r => r.Request.RequestId == requestId);
        return index < 0 ? null : TicketAt(index);
    }

    private QueueTicket TicketAt(int index)
    {
        var r = Requests[index];
        return new QueueTicket(
            r.Request.RequestId,
            Topic,
            r.HasOpenOffer ? TicketStatus.Offered : TicketStatus.Waiting,
            index + 1,
            WaitEstimator.Estimate(state.State, index + 1));
    }

    /// <summary>Runs the policy and sends the offers it plans.</summary>
    private void MatchNow()
    {
        if (_roster.Count > 0 && Requests.Count > 0)
        {
            var busy = Requests.Where(r => r.OfferListenerId is not null).Select(r => r.OfferListenerId!).ToHashSet(StringComparer.Ordinal);
            var waiting = Requests.Select(r => new WaitingSeeker(
                r.Request.RequestId, r.Request.SeekerId, Topic, r.Request.AgeGroup, r.Request.Experiences, r.Excluded, r.HasOpenOffer));
            foreach (var planned in MatchingPolicy.Plan(waiting, _roster.Values, busy))
            {
                var request = Find(planned.Seeker.RequestId)!;
                request.OfferId = Ids.New();
                request.OfferListenerId = planned.Listener.ListenerId;
                request.OfferExpiresAt = Now + _timings.OfferTimeout;
                ArmOfferTimer(request);
                var offer = new Offer(request.OfferId, request.Request.RequestId, Topic, request.Request.Experiences,
                    request.Request.Note, request.Request.AgeGroup, request.OfferExpiresAt.Value);
                _ = GrainFactory.GetGrain<IMemberGrain>(planned.Listener.ListenerId).OnOfferMade(offer);
            }
        }

        _dirty = true;
        ScheduleFlush();
    }

    private void CloseOffer(QueuedRequest request, bool notifyListener, string reason)
    {
        if (request.OfferId is not { } offerId)
        {
            return;
        }

        if (_offerTimers.Remove(offerId, out var timer))
        {
            timer.Dispose();
        }

        if (notifyListener && request.OfferListenerId is { } listenerId)
        {
            _ = GrainFactory.GetGrain<IMemberGrain>(listenerId).OnOfferClosed(offerId, reason);
        }

        request.OfferId = null;
        request.OfferListenerId = null;
        request.OfferExpiresAt = null;
        _dirty = true;
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
        var request = Requests.FirstOrDefault(r => r.OfferId == offerId);
        if (request is not null)
        {
            logger.LogInformation("Offer expired in topic {Topic}", Topic);
            request.Excluded.Add(request.OfferListenerId!);
            CloseOffer(request, notifyListener: true, reason: "expired");
            MatchNow();
        }

        return Task.CompletedTask;
    }

    private void PushTerminal(SeekerRequest request, string status)
    {
        _lastPushed.Remove(request.RequestId);
        _ = GrainFactory.GetGrain<IMemberGrain>(request.SeekerId)
            .OnTicketUpdated(new QueueTicket(request.RequestId, Topic, status, null, null));
    }

    private async Task AfterRemoval()
    {
        if (Requests.Count == 0)
        {
            state.State.BusySince = null;
            await EnsureReminder(false);
        }
    }

    private async Task EnsureReminder(bool wanted)
    {
        if (wanted == _reminderRegistered)
        {
            return;
        }

        _reminderRegistered = wanted;
        if (wanted)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleFlush()
    {
        _flushTimer ??= this.RegisterGrainTimer(
            _ => Flush(),
            new GrainTimerCreationOptions(_timings.QueueUpdateDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>Pushes changed tickets (position, status, estimate) and writes state, once per debounce window.</summary>
    private async Task Flush()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        for (var i = 0; i < Requests.Count; i++)
        {
            var ticket = TicketAt(i);
            if (!_lastPushed.TryGetValue(ticket.RequestId, out var last) || last != ticket)
            {
                _lastPushed[ticket.RequestId] = ticket;
                _ = GrainFactory.GetGrain<IMemberGrain>(Requests[i].Request.SeekerId).OnTicketUpdated(ticket);
            }
        }

        if (_dirty)
        {
            await PersistAsync();
        }
    }

    /// <summary>
    /// Group commit for the queue's state: every change made while a write is in flight shares the next write.
    /// The returned task completes when a write that began after the caller's change has completed.
    /// </summary>
    private Task PersistAsync()
    {
        _dirty = false;
        _nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _nextWrite.Task;
        if (!_writing)
        {
            _ = WriteLoop();
        }

        return done;
    }

    private async Task RetryWrite()
    {
        _retryWrite?.Dispose();
        _retryWrite = null;
        if (_dirty)
        {
            try
            {
                await PersistAsync();
            }
            catch (Exception)
            {
                // WriteLoop has logged it and armed the next retry.
            }
        }
    }

    private async Task WriteLoop()
    {
        _writing = true;
        try
        {
            while (_nextWrite is { } batch)
            {
                _nextWrite = null;
                try
                {
                    await state.WriteStateAsync();
                    batch.TrySetResult();
                }
                catch (Exception e)
                {
                    batch.TrySetException(e);

                    // Memory stays the truth; write it again once storage answers.
                    logger.LogWarning("Queue state write failed in topic {Topic} ({ExceptionType}); retrying in 1 s", Topic, e.GetType().Name);
                    _dirty = true;
                    _retryWrite ??= this.RegisterGrainTimer(
                        _ => RetryWrite(),
                        new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan) { KeepAlive = true });
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
