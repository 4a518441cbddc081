using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Grains.Queues;

/// <summary>
/// Feeds <see cref="MatchingPolicy.Plan"/> only as much of the queue as it can use. The policy takes seekers in order
/// and gives each the best free listener, so running it over the queue in consecutive slices (each slice in queue
/// order, with the listeners already chosen taken out) plans exactly the same offers as one run over the whole queue.
/// A slice starts at twice the free listeners and doubles while listeners stay free; with no free listener nothing is
/// planned. Before, every change planned over every waiting request (building, sorting and scanning all of them), which
/// made a burst of n requests cost O(n²).
/// </summary>
public sealed partial class TopicQueueGrain
{
    private const int MinimumSlice = 16;

    private List<PlannedOffer> PlanOffers()
    {
        var plans = new List<PlannedOffer>();
        // A listener holds one offer at a time; one whose accept is still starting is counted in the roster's
        // active chats instead (Accept), so they may be offered the next request meanwhile.
        var taken = _byOffer.Values.Select(r => r.OfferListenerId!).ToHashSet(StringComparer.Ordinal);
        var free = _roster.Values.Count(l => l.Available && l.ActiveChats < l.MaxConcurrentChats && !taken.Contains(l.ListenerId));
        if (free == 0)
        {
            return plans;
        }

        // The queue is kept in the policy's order (urgent first, then arrival: QueueOrder), so each slice is too.
        using var candidates = Requests.Where(r => !r.HasOpenOffer && !r.IsStarting).GetEnumerator();
        var slice = new List<WaitingSeeker>();
        var size = Math.Max(MinimumSlice, 2 * free);
        while (free > 0)
        {
            slice.Clear();
            while (slice.Count < size && candidates.MoveNext())
            {
                var r = candidates.Current;
                slice.Add(new WaitingSeeker(r.Request.RequestId, r.Request.SeekerId, Topic, r.Request.AgeGroup,
                    r.Request.Experiences, r.Excluded, false, r.Request.Blocked, r.Urgent, r.Request.PreferredListenerId, r.Request.Meaning));
            }

            if (slice.Count == 0)
            {
                break;
            }

            foreach (var planned in MatchingPolicy.Plan(slice, _roster.Values, taken, Now))
            {
                taken.Add(planned.Listener.ListenerId);
                plans.Add(planned);
                free--;
            }

            size *= 2;
        }

        return plans;
    }
}
