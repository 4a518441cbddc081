using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Queues;

/// <summary>[crisis] A request whose seeker wrote crisis language moves ahead of every normal request of the topic.</summary>
public sealed partial class TopicQueueGrain
{
    public Task<bool> MarkUrgent(string requestId)
    {
        if (Find(requestId) is not { } request)
        {
            return Task.FromResult(false);
        }

        if (QueueOrder.MakeUrgent(Requests, request))
        {
            logger.LogInformation("A request in topic {Topic} became urgent", Topic);
            _planner.Place(requestId, urgent: true, request.Request.EnqueuedAt);
            Track(request);
            Writes.MarkDirty();
            // Offers it now if a listener is free; the next flush pushes every changed ticket (priority, positions, estimates).
            MatchNow();
        }

        return Task.FromResult(true);
    }
}
