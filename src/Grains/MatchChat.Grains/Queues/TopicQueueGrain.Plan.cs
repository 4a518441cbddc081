using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Grains.Queues;

/// <summary>
/// Planning offers through <see cref="OfferPlanner"/>: the same offers as <see cref="MatchingPolicy.Plan"/> over the
/// whole queue and roster, at a cost that follows what changed. Every change to a request's or a roster entry's
/// standing goes through <see cref="Track(QueuedRequest)"/> or <see cref="Track(string)"/> (memory only, rebuilt on
/// activation). Before, every call (enqueue, accept, start, snapshot, decline) built the set of listeners holding an
/// offer, counted free listeners over the whole roster and walked the queue past every offered request: O(listeners +
/// waiting) per call, ~70 % of the queue grain's time in S8.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private readonly OfferPlanner _planner = new();

    /// <summary>Open offers per listener (a listener holds one at a time; counted so a stale one cannot free them twice).</summary>
    private readonly Dictionary<string, int> _offersHeld = new(StringComparer.Ordinal);

    private IReadOnlyList<PlannedOffer> PlanOffers() => _planner.Plan(Now);

    /// <summary>Tells the planner whether this request can be offered now (waiting, no open offer, not starting); its page is written next.</summary>
    private void Track(QueuedRequest r)
    {
        Changed(r);
        var id = r.Request.RequestId;
        if (Find(id) != r)
        {
            _planner.RemoveSeeker(id);
        }
        else if (r.HasOpenOffer || r.IsStarting)
        {
            _planner.HoldSeeker(id);
        }
        else
        {
            _planner.SetSeeker(AsWaiting(r));
        }
    }

    /// <summary>The request as the matching policy sees it.</summary>
    private WaitingSeeker AsWaiting(QueuedRequest r) =>
        new(r.Request.RequestId, r.Request.SeekerId, Topic, r.Request.AgeGroup, r.Request.Experiences,
            r.Excluded, false, r.Request.Blocked, r.Urgent, r.Request.PreferredListenerId, r.Request.Meaning);

    /// <summary>Someone in the roster other than <paramref name="listenerId"/> (null: anyone) could take the request now
    /// (O(roster): for an expiry).</summary>
    private bool AnotherCouldTake(QueuedRequest r, string? listenerId)
    {
        var seeker = AsWaiting(r);
        return _roster.Values.Any(l => l.ListenerId != listenerId && MatchingPolicy.IsEligible(seeker, l, Now));
    }

    /// <summary>Tells the planner whether this listener could take an offer now (in the roster, no open offer; the planner checks availability and capacity).</summary>
    private void Track(string listenerId) =>
        _planner.SetListener(listenerId,
            !_offersHeld.ContainsKey(listenerId) && _roster.TryGetValue(listenerId, out var l) ? l : null);

    private void SetRoster(ListenerSnapshot listener)
    {
        if (_roster.TryGetValue(listener.ListenerId, out var old))
        {
            CountAvailable(old, -1);
        }

        _roster[listener.ListenerId] = listener;
        CountAvailable(listener, +1);
        _lapsedMayFree = true;

        Track(listener.ListenerId);
        AvailabilityMayHaveChanged();
    }

    private void RemoveFromRoster(string listenerId)
    {
        if (_roster.Remove(listenerId, out var old))
        {
            CountAvailable(old, -1);
        }

        _lapsedMayFree = true;

        Track(listenerId);
        AvailabilityMayHaveChanged();
    }

    private void IndexOffer(QueuedRequest r)
    {
        _byOffer[r.OfferId!] = r;
        var listenerId = r.OfferListenerId!;
        _offersHeld[listenerId] = _offersHeld.GetValueOrDefault(listenerId) + 1;
        Track(listenerId);
        Track(r);
    }

    /// <summary>The request's offer leaves the index (once, however often it is called); its listener may be free again.</summary>
    private void UnindexOffer(QueuedRequest r)
    {
        if (r.OfferId is not { } offerId || !_byOffer.Remove(offerId) || r.OfferListenerId is not { } listenerId)
        {
            return;
        }

        if (_offersHeld.GetValueOrDefault(listenerId) <= 1)
        {
            _offersHeld.Remove(listenerId);
        }
        else
        {
            _offersHeld[listenerId]--;
        }

        Track(listenerId);
    }
}
