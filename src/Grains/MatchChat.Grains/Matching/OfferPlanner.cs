using MatchChat.Contracts.Matching;

namespace MatchChat.Grains.Matching;

/// <summary>
/// <see cref="MatchingPolicy.Plan"/> over a queue, incrementally: the same offers as one run of the policy over every
/// waiting request and every free listener, at a cost that follows what changed rather than the queue's size.
/// <para>
/// It holds the requests that can be offered now (waiting, no open offer, not starting) in queue order, and the listeners
/// that could take an offer now (available, spare capacity, no open offer). After every <see cref="Plan"/> no pair of
/// them is eligible (the policy gave each seeker in turn its best free listener, or found none). So a new pair can only
/// involve something that changed since: a seeker set again (<see cref="SetSeeker"/>: new, offer closed, start given up,
/// blocks or priority changed) or a listener set again (<see cref="SetListener"/>: new snapshot, capacity back, offer
/// closed), or a listener whose weekly schedule has just begun. Plan runs the policy, in queue order, over every seeker
/// until each such listener is taken (a seeker who did not change can only take one of them), and after that over the
/// changed seekers only. Considering more seekers than needed never changes the result (the policy would see them too);
/// those skipped would get nothing from the full run. Pure: no clock, no I/O; the caller owns the truth and tells this
/// index every change (marking more as changed than needed only costs time).
/// </para>
/// </summary>
public sealed class OfferPlanner
{
    private const int MinimumSlice = 16;

    private readonly SortedDictionary<SeekerKey, WaitingSeeker> _waiting = new();
    private readonly Dictionary<string, SeekerKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListenerSnapshot> _free = new(StringComparer.Ordinal);

    /// <summary>The same listeners as <see cref="_free"/>, in <see cref="ListenerTieBreak"/> order (see <see cref="TieBreakPlan"/>).</summary>
    private readonly SortedSet<ListenerSnapshot> _freeInOrder = new(ListenerTieBreak.Instance);
    private readonly HashSet<string> _changedSeekers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedListeners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _onScheduleAtLastPlan = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scheduled = new(StringComparer.Ordinal);
    private long _arrivals;

    /// <summary>Requests that can be offered now.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Listeners that could take an offer now (the weekly schedule is checked when planning).</summary>
    public int FreeCount => _free.Count;

    /// <summary>
    /// Where the request stands in the queue: urgent before normal, then by <paramref name="enqueuedAt"/>, then by the
    /// order of the calls (so ties keep the queue list's order: a request inserted, or made urgent, goes after every
    /// request that comes before or with it). Call it when the request joins the queue and when it becomes urgent.
    /// </summary>
    public void Place(string requestId, bool urgent, DateTime enqueuedAt)
    {
        var key = new SeekerKey(urgent, enqueuedAt, ++_arrivals);
        if (_keys.TryGetValue(requestId, out var old) && _waiting.Remove(old, out var seeker))
        {
            _waiting[key] = seeker;
            _changedSeekers.Add(requestId);
        }

        _keys[requestId] = key;
    }

    /// <summary>The request (already <see cref="Place"/>d) can be offered now, or its details changed.</summary>
    public void SetSeeker(WaitingSeeker seeker)
    {
        _waiting[_keys[seeker.RequestId]] = seeker;
        _changedSeekers.Add(seeker.RequestId);
    }

    /// <summary>The request cannot be offered now (offered, starting); it keeps its place for when it can again.</summary>
    public void HoldSeeker(string requestId)
    {
        if (_keys.TryGetValue(requestId, out var key))
        {
            _waiting.Remove(key);
        }

        _changedSeekers.Remove(requestId);
    }

    /// <summary>The request left the queue.</summary>
    public void RemoveSeeker(string requestId)
    {
        HoldSeeker(requestId);
        _keys.Remove(requestId);
    }

    /// <summary>The listener's current snapshot, or null when they cannot take an offer now (not in the topic, unavailable, full, holding an offer).</summary>
    public void SetListener(string listenerId, ListenerSnapshot? free)
    {
        if (free is not null && free.Available && free.ActiveChats < free.MaxConcurrentChats)
        {
            if (_free.TryGetValue(listenerId, out var old))
            {
                _freeInOrder.Remove(old);
            }

            _free[listenerId] = free;
            _freeInOrder.Add(free);
            _changedListeners.Add(listenerId);
            if (free.Schedule is null)
            {
                _scheduled.Remove(listenerId);
            }
            else
            {
                _scheduled.Add(listenerId);
            }
        }
        else
        {
            Unfree(listenerId);
        }
    }

    /// <summary>
    /// The offers to make now, exactly as <see cref="MatchingPolicy.Plan"/> over every waiting request and free listener
    /// would plan them. The planned seekers and listeners leave the index (they hold an offer now).
    /// </summary>
    public IReadOnlyList<PlannedOffer> Plan(DateTime? now)
    {
        var plans = new List<PlannedOffer>();
        var fresh = FreshListeners(now);
        var changed = _changedSeekers.Count == 0
            ? []
            : _changedSeekers.Select(id => _keys[id]).Order().ToList();
        _changedSeekers.Clear();
        _changedListeners.Clear();
        if (_free.Count == 0 || _waiting.Count == 0 || (fresh.Count == 0 && changed.Count == 0))
        {
            return plans;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var after = default(SeekerKey?);
        if (fresh.Count > 0)
        {
            // Everyone in order, until every fresh listener is taken (or no listener is left).
            after = PlanInSlices(_waiting, taken, plans, now, stopWhen: () => fresh.All(taken.Contains));
        }

        if (taken.Count < _free.Count && !(fresh.Count > 0 && after is null))
        {
            // Then only the changed seekers behind that point: nobody else can take a listener now.
            var rest = changed.Where(k => after is not { } a || k.CompareTo(a) > 0).Select(k => new KeyValuePair<SeekerKey, WaitingSeeker>(k, _waiting[k]));
            PlanInSlices(rest, taken, plans, now, stopWhen: () => false);
        }

        foreach (var planned in plans)
        {
            HoldSeeker(planned.Seeker.RequestId);
            Unfree(planned.Listener.ListenerId);
        }

        return plans;
    }

    private void Unfree(string listenerId)
    {
        if (_free.Remove(listenerId, out var old))
        {
            _freeInOrder.Remove(old);
        }

        _changedListeners.Remove(listenerId);
        _onScheduleAtLastPlan.Remove(listenerId);
        _scheduled.Remove(listenerId);
    }

    /// <summary>
    /// Free listeners that may pair with a seeker who did not change: set since the last plan, or with a schedule that
    /// was not running at the last plan and is now. Remembers who is on schedule for the next plan.
    /// </summary>
    private HashSet<string> FreshListeners(DateTime? now)
    {
        var fresh = new HashSet<string>(_changedListeners.Where(_free.ContainsKey), StringComparer.Ordinal);
        foreach (var id in _scheduled)
        {
            var l = _free[id];
            if (MatchingPolicy.OnSchedule(l, now))
            {
                if (_onScheduleAtLastPlan.Add(l.ListenerId))
                {
                    fresh.Add(l.ListenerId);
                }
            }
            else
            {
                _onScheduleAtLastPlan.Remove(l.ListenerId);
                fresh.Remove(l.ListenerId);
            }
        }

        return fresh;
    }

    /// <summary>
    /// Runs the policy over <paramref name="seekers"/> (in queue order) in slices of twice the free listeners, with the
    /// listeners already chosen taken out, until no free listener is left, the seekers end, or <paramref name="stopWhen"/>
    /// holds after a slice. Returns the last seeker considered, or null when every seeker was.
    /// </summary>
    private SeekerKey? PlanInSlices(
        IEnumerable<KeyValuePair<SeekerKey, WaitingSeeker>> seekers, HashSet<string> taken, List<PlannedOffer> plans,
        DateTime? now, Func<bool> stopWhen)
    {
        using var candidates = seekers.GetEnumerator();
        var slice = new List<WaitingSeeker>();
        var size = Math.Max(MinimumSlice, 2 * (_free.Count - taken.Count));
        var last = default(SeekerKey?);
        while (taken.Count < _free.Count)
        {
            slice.Clear();
            var ended = false;
            while (slice.Count < size)
            {
                if (!candidates.MoveNext())
                {
                    ended = true;
                    break;
                }

                slice.Add(candidates.Current.Value);
                last = candidates.Current.Key;
            }

            foreach (var planned in TieBreakPlan.Plan(slice, _freeInOrder, taken, now))
            {
                taken.Add(planned.Listener.ListenerId);
                plans.Add(planned);
            }

            if (ended)
            {
                return null;
            }

            if (stopWhen())
            {
                return last;
            }

            size *= 2;
        }

        return last;
    }

    private readonly record struct SeekerKey(bool Urgent, DateTime EnqueuedAt, long Arrival) : IComparable<SeekerKey>
    {
        public int CompareTo(SeekerKey other) =>
            Urgent != other.Urgent ? (Urgent ? -1 : 1)
            : EnqueuedAt != other.EnqueuedAt ? EnqueuedAt.CompareTo(other.EnqueuedAt)
            : Arrival.CompareTo(other.Arrival);
    }
}
