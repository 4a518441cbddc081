using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Telemetry;
using MatchChat.Contracts.Topics;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Queues;

/// <summary>
/// The hand-over from an accepted offer to a started conversation. The accept takes one turn of this grain: the
/// request is marked starting, keeps its place, and the listener's member grain is told which conversation to start.
/// That conversation's id is derived from the request id and the attempt, so a repeated start is harmless. The member
/// grain reports the start one-way (<see cref="Started"/>, <see cref="StartFailed"/>); the request leaves the queue
/// only once it has started. A start whose outcome is unknown (its call failed, its report is overdue, or this grain
/// restarted) is settled by asking the conversation (<see cref="IConversationGrain.Abandon"/>) on this grain's timer.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private static readonly TimeSpan SettleEvery = TimeSpan.FromSeconds(1);

    /// <summary>Starts handed out by this activation and not yet reported: request id → when to stop waiting for the report.</summary>
    private readonly Dictionary<string, DateTime> _reportsDue = new(StringComparer.Ordinal);
    private IGrainTimer? _settleTimer;

    public Task<HandOver> Accept(string offerId, string listenerId, string listenerHandle)
    {
        var request = FindOffer(offerId, listenerId);
        if (request is null || request.OfferExpiresAt <= Now)
        {
            throw MatchChatException.Conflict("This offer has expired or was withdrawn. Stay available for the next one.");
        }

        CloseOffer(request, notifyListener: false, reason: OfferReasons.Accepted);
        var listenerExperiences = _roster.TryGetValue(listenerId, out var l) ? l.Experiences : [];
        request.StartListenerId = listenerId;
        request.StartListenerHandle = listenerHandle;
        request.StartSharedExperiences = request.Request.Experiences.Where(listenerExperiences.Contains).ToArray();
        if (l is not null)
        {
            // Count the chat from the accept, not from the started conversation: a listener with room for another is
            // offered the next request while this one starts (until the member grain re-sends its snapshot), so a
            // slow start under load does not stall that listener's pipeline.
            SetRoster(l with { ActiveChats = l.ActiveChats + 1, LastAssignedAt = Now });
        }

        Track(request);

        // Recorded, and written with the queue's next group commit: not awaited, because the derived conversation id
        // already makes a start safe to repeat (a queue that restarts before the write lands offers the request again,
        // and the next accept finds the conversation started: Taken).
        _reportsDue[request.Request.RequestId] = Now + _timings.StartReportTimeout;
        ArmSettleTimer();
        Writes.MarkDirty();
        MatchNow();

        var r = request.Request;
        // The accept's time is the conversation's start on both sides (the listener's view and the conversation's own).
        var acceptedAt = Now;
        var start = new ConversationStart(Topic, r.SeekerId, r.SeekerHandle, listenerId, listenerHandle,
            request.StartSharedExperiences, r.RequestId, AcceptedAt: acceptedAt);
        return Task.FromResult(new HandOver(ConversationIds.For(r.RequestId, request.StartAttempt), request.StartAttempt, start, acceptedAt));
    }

    public Task Started(string requestId, int attempt, StartOutcome outcome)
    {
        if (StartingAt(requestId, attempt) is { } request)
        {
            _reportsDue.Remove(requestId);
            if (outcome == StartOutcome.Abandoned)
            {
                GiveUpStart(request);
            }
            else
            {
                // Started, or Taken: that conversation (of this attempt) exists with the accept that reached it first.
                Complete(request);
            }
        }

        return Task.CompletedTask;
    }

    public Task StartFailed(string requestId, int attempt)
    {
        if (StartingAt(requestId, attempt) is { } request)
        {
            _reportsDue.Remove(requestId);
            logger.LogWarning("A start in topic {Topic} did not answer; settling it", Topic);
            MarkUnsettled(request);
        }

        return Task.CompletedTask;
    }

    /// <summary>The request, if it is still starting this attempt (a report of an earlier attempt is stale).</summary>
    private QueuedRequest? StartingAt(string requestId, int attempt) =>
        Find(requestId) is { IsStarting: true } request && request.StartAttempt == attempt ? request : null;

    private void MarkUnsettled(QueuedRequest request)
    {
        request.StartUnsettled = true;
        Changed(request);
        ScheduleFlush();
        ArmSettleTimer();
    }

    private IConversationGrain ConversationOf(QueuedRequest request) =>
        GrainFactory.Ref<IConversationGrain>(ConversationIds.For(request.Request.RequestId, request.StartAttempt));

    /// <summary>The conversation has started: the request leaves the queue. The conversation grain tells both members.</summary>
    private void Complete(QueuedRequest request)
    {
        RemoveRequest(request);
        _reportsDue.Remove(request.Request.RequestId);
        WaitEstimator.RecordMatch(Live, Now);
        MatchChatMetrics.Matched(Topic, Now - request.Request.EnqueuedAt);

        PushTerminal(request.Request, TicketStatus.Matched);
        Writes.MarkDirty();
        MatchNow();
        _ = PersistAfterRemoval();
        logger.LogInformation("Request matched in topic {Topic} after {WaitSeconds:F1}s", Topic, (Now - request.Request.EnqueuedAt).TotalSeconds);
    }

    /// <summary>The start did not happen and never will: the request waits again in its place for the next offer.</summary>
    private void GiveUpStart(QueuedRequest request)
    {
        _reportsDue.Remove(request.Request.RequestId);
        request.StartAttempt++;
        request.StartListenerId = null;
        request.StartListenerHandle = null;
        request.StartSharedExperiences = [];
        request.StartUnsettled = false;
        Track(request);
        Writes.MarkDirty();
        if (request.CancelledAs is { } status)
        {
            RemoveRequest(request);
            PushTerminal(request.Request, status);
            _ = PersistAfterRemoval();
        }

        MatchNow();
    }

    private async Task PersistAfterRemoval()
    {
        try
        {
            await Writes.Persist();
        }
        catch (Exception)
        {
            // WriteBehind has logged it and retries.
        }

        await AfterRemoval();
    }

    private void ArmSettleTimer() =>
        _settleTimer ??= this.RegisterGrainTimer(
            _ => Settle(),
            new GrainTimerCreationOptions(SettleEvery, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    /// <summary>
    /// Starts whose report is overdue become unsettled; each unsettled start's conversation is asked whether it started:
    /// if so the match stands, else it is given up (and a late start of it is refused).
    /// </summary>
    private async Task Settle()
    {
        _settleTimer?.Dispose();
        _settleTimer = null;
        foreach (var (requestId, due) in _reportsDue.Where(d => d.Value <= Now).ToList())
        {
            _reportsDue.Remove(requestId);
            if (Find(requestId) is { IsStarting: true, StartUnsettled: false } overdue)
            {
                logger.LogWarning("A start in topic {Topic} was not reported within {Seconds}s; settling it", Topic, _timings.StartReportTimeout.TotalSeconds);
                MarkUnsettled(overdue);
            }
        }

        foreach (var request in Requests.Where(r => r.StartUnsettled).ToList())
        {
            var attempt = request.StartAttempt;
            bool started;
            try
            {
                started = await ConversationOf(request).Abandon();
            }
            catch (Exception e)
            {
                logger.LogWarning("Settling a start in topic {Topic} failed ({ExceptionType}); retrying", Topic, e.GetType().Name);
                continue;
            }

            // Settled meanwhile by a report (or given up and started again): nothing left to do for this answer.
            if (Find(request.Request.RequestId) != request || !request.StartUnsettled || request.StartAttempt != attempt)
            {
                continue;
            }

            if (started)
            {
                Complete(request);
            }
            else
            {
                GiveUpStart(request);
            }
        }

        if (_reportsDue.Count > 0 || Requests.Any(r => r.StartUnsettled))
        {
            ArmSettleTimer();
        }
    }
}
