using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Queues;

/// <summary>[crisis] A request whose seeker wrote crisis language moves ahead of every normal request of the topic.</summary>
public sealed partial class TopicQueueGrain
{
    public async Task<bool> MarkUrgent(string requestId)
    {
        if (Find(requestId) is not { } request)
        {
            return false;
        }

        if (QueueOrder.MakeUrgent(Requests, request))
        {
            logger.LogInformation("A request in topic {Topic} became urgent", Topic);
            _planner.Place(requestId, urgent: true, request.Request.EnqueuedAt);
            Track(request);
            // Offers it now if a listener is free; the next flush pushes every changed ticket (priority, positions, estimates).
            MatchNow();
            // Written through (rare): the writer's crisis reading is acknowledged once this answers, and a restart must
            // not put the request back among the normal ones.
            await Writes.Persist();
        }

        return true;
    }
}
