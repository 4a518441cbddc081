using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Telemetry;
using MatchChat.Contracts.Topics;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Queues;

/// <summary>
/// The hand-over from an accepted offer to a started conversation. The request stays in the queue, in its place,
/// marked as starting, until its conversation has started; the conversation's id is derived from the request id
/// and the attempt, so a repeated start is harmless and a start whose answer was lost is settled by asking the
/// conversation (<see cref="IConversationGrain.Abandon"/>) on this grain's timer, after a restart too.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private static readonly TimeSpan SettleEvery = TimeSpan.FromSeconds(1);
    private IGrainTimer? _settleTimer;

    public async Task<MatchResult> Accept(string offerId, string listenerId, string listenerHandle)
    {
        var request = Requests.FirstOrDefault(r => r.OfferId == offerId && r.OfferListenerId == listenerId);
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
            _roster[listenerId] = l with { ActiveChats = l.ActiveChats + 1, LastAssignedAt = Now };
        }

        // Recorded, and written with the queue's next group commit while the start runs: not awaited, because the
        // derived conversation id already makes a start safe to repeat (a queue that restarts before the write lands
        // offers the request again, and the next accept finds the conversation started: Taken).
        Writes.MarkDirty();
        MatchNow();

        var result = new MatchResult(ConversationOf(request).GetPrimaryKeyString(), request.Request.RequestId, request.Request.SeekerHandle,
            Topic, request.StartSharedExperiences, Now);
        switch (await TryStart(request))
        {
            case StartOutcome.Started:
                Complete(request);
                return result;
            case StartOutcome.Taken:
                Complete(request);
                throw MatchChatException.Conflict("This request was just matched with someone else. Stay available for the next one.");
            case StartOutcome.Abandoned:
                GiveUpStart(request);
                break;
            default:
                request.StartUnsettled = true;
                Writes.MarkDirty();
                ScheduleFlush();
                ArmSettleTimer();
                break;
        }

        throw MatchChatException.Unavailable("The conversation could not be started just now. The seeker keeps their place in the queue.");
    }

    /// <summary>
    /// Two tries when the first fails outright (the second re-reads what the first may have written); null when neither
    /// answered. A try that times out is not repeated at once: under load the first may still be running, and a second
    /// would only double the work. The settle timer asks later instead.
    /// </summary>
    private async Task<StartOutcome?> TryStart(QueuedRequest request)
    {
        var r = request.Request;
        var start = new ConversationStart(Topic, r.SeekerId, r.SeekerHandle, request.StartListenerId!, request.StartListenerHandle!,
            request.StartSharedExperiences, r.RequestId);
        var conversation = ConversationOf(request);
        var topic = Topic;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                return await conversation.Start(start);
            }
            catch (Exception e)
            {
                logger.LogWarning("Starting a conversation in topic {Topic} failed (attempt {Attempt}): {ExceptionType}", topic, attempt, e.GetType().Name);
                if (e is TimeoutException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private IConversationGrain ConversationOf(QueuedRequest request) =>
        GrainFactory.GetGrain<IConversationGrain>(ConversationIds.For(request.Request.RequestId, request.StartAttempt));

    /// <summary>The conversation has started: the request leaves the queue. The conversation grain tells both members.</summary>
    private void Complete(QueuedRequest request)
    {
        Requests.Remove(request);
        WaitEstimator.RecordMatch(state.State, Now);
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
        request.StartAttempt++;
        request.StartListenerId = null;
        request.StartListenerHandle = null;
        request.StartSharedExperiences = [];
        request.StartUnsettled = false;
        Writes.MarkDirty();
        if (request.CancelledAs is { } status)
        {
            Requests.Remove(request);
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

    /// <summary>Asks each unsettled start's conversation whether it started: if so the match stands, else it is given up.</summary>
    private async Task Settle()
    {
        _settleTimer?.Dispose();
        _settleTimer = null;
        foreach (var request in Requests.Where(r => r.StartUnsettled).ToList())
        {
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

            if (!Requests.Contains(request) || !request.StartUnsettled)
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

        if (Requests.Any(r => r.StartUnsettled))
        {
            ArmSettleTimer();
        }
    }
}
