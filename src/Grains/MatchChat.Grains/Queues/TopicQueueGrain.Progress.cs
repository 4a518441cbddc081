using MatchChat.Contracts;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Matching;
using MatchChat.Grains.Push;

namespace MatchChat.Grains.Queues;

/// <summary>
/// How waiting seekers learn their place without one push each per change ("now serving").
/// Each priority has a served count: the requests of it that have left the queue, plus, for normal requests, the urgent
/// ones that left (every urgent request is ahead of every normal one). A ticket carries the count of its priority when
/// its position was computed; the queue broadcasts the counts (<see cref="QueueProgress"/>) to the topic's group, one
/// push per web node that watches, and a client's place is <c>position - (served now - served then)</c>.
/// That is exact while everyone who left was ahead of the seeker. When it is not (someone behind them left, or was put
/// ahead of them: an urgent request, a re-sent one keeping its earlier place), the flush finds the seekers whose
/// computed place is wrong and sends them a fresh <c>QueueUpdated</c>; status and priority changes are sent as before.
/// So a burst served from the front costs one broadcast per progress window instead of a push per waiting seeker.
/// </summary>
public sealed partial class TopicQueueGrain
{
    /// <summary>Per request: the last ticket its seeker was sent (memory only: after activation everyone is sent one).</summary>
    private readonly Dictionary<string, QueueTicket> _lastPushed = new(StringComparer.Ordinal);
    private NodeSubscriptions? _watchers;
    private IGrainTimer? _progressTimer;
    private (long Urgent, long Normal, double? Interval) _broadcast;

    /// <summary>Available listeners in the roster without a weekly schedule who could take an adult's request (their chats
    /// may be full): adults. Kept as the roster changes.</summary>
    private int _availableForAdults;

    /// <summary>The same for a teen's request: teen listeners and adults approved for teens.</summary>
    private int _availableForTeens;

    /// <summary>Available listeners with a weekly schedule: whether they are on it depends on the hour, so they are
    /// counted when a count is sent (few listeners set one).</summary>
    private readonly Dictionary<string, ListenerSnapshot> _availableOnSchedule = new(StringComparer.Ordinal);

    /// <summary>Whether any of them is on schedule now, per age group, as of the minute it was worked out.</summary>
    private (long Minute, bool Adults, bool Teens)? _onScheduleNow;

    /// <summary>Whether the last broadcast said nobody was available, for adults' and for teens' requests.</summary>
    private (bool Adults, bool Teens) _broadcastNone;

    /// <summary>Whether the tickets last flushed for a change of availability were told nobody known could take them.</summary>
    private (bool Adults, bool Teens) _flushedNoneKnown;

    /// <summary>The roster is memory only: until available listeners' member grains have re-sent it (at every web node
    /// renewal, 10 s by default) after this activation, a count of none is not known to be true. Set by a timer, not by
    /// comparing clocks (a timer may fire a hair before its due time by the grain's clock, and then nothing would).</summary>
    private bool _rosterKnown;

    /// <summary>How long after activation an empty roster is taken as nobody available: a renewal and some slack.</summary>
    private TimeSpan RosterResent => _timings.ObserverExpiry < TimeSpan.FromSeconds(12) ? _timings.ObserverExpiry : TimeSpan.FromSeconds(12);

    /// <summary>The roster entry enters (+1) or leaves (-1) the counts of listeners who could take a request now.</summary>
    private void CountAvailable(ListenerSnapshot listener, int delta)
    {
        if (!listener.Available)
        {
            return;
        }

        if (listener.Schedule is not null)
        {
            if (delta > 0)
            {
                _availableOnSchedule[listener.ListenerId] = listener;
            }
            else
            {
                _availableOnSchedule.Remove(listener.ListenerId);
            }

            _onScheduleNow = null;
            return;
        }

        if (MatchingPolicy.AgeCompatible(AgeGroups.Adult, listener))
        {
            _availableForAdults += delta;
        }

        if (MatchingPolicy.AgeCompatible(AgeGroups.Teen, listener))
        {
            _availableForTeens += delta;
        }
    }

    /// <summary>
    /// The count for the broadcast: available listeners who could take a request of that age group now (on their schedule,
    /// and for a teen approved to hear teens), so a teen is not told of adults who may not hear them; null while a fresh
    /// activation's empty roster may only mean "not yet re-sent".
    /// </summary>
    private int? ListenersAvailable(string ageGroup)
    {
        var count = ageGroup == AgeGroups.Teen ? _availableForTeens : _availableForAdults;
        foreach (var listener in _availableOnSchedule.Values)
        {
            if (MatchingPolicy.AgeCompatible(ageGroup, listener) && MatchingPolicy.OnSchedule(listener, Now))
            {
                count++;
            }
        }

        return count > 0 || _rosterKnown ? count : null;
    }

    /// <summary>Whether nobody could take a request of either age group now, as known (an unknown roster is not nobody).
    /// Stops at the first listener found: a roster change asks it.</summary>
    private (bool Adults, bool Teens) NoneAvailable => (_rosterKnown && !AnyAvailable(AgeGroups.Adult), _rosterKnown && !AnyAvailable(AgeGroups.Teen));

    private bool AnyAvailable(string ageGroup) =>
        (ageGroup == AgeGroups.Teen ? _availableForTeens : _availableForAdults) > 0 || AnyOnSchedule(ageGroup);

    /// <summary>Whether a scheduled listener of the roster could take a request of that age group now: worked out once per
    /// minute (and again when the scheduled listeners change), not on every roster renewal (a review: O(scheduled) per
    /// renewal while one age group had nobody).</summary>
    private bool AnyOnSchedule(string ageGroup)
    {
        if (_availableOnSchedule.Count == 0)
        {
            return false;
        }

        var minute = Now.Ticks / TimeSpan.TicksPerMinute;
        if (_onScheduleNow is not { } known || known.Minute != minute)
        {
            bool adults = false, teens = false;
            foreach (var listener in _availableOnSchedule.Values)
            {
                if (MatchingPolicy.OnSchedule(listener, Now))
                {
                    adults |= MatchingPolicy.AgeCompatible(AgeGroups.Adult, listener);
                    teens |= MatchingPolicy.AgeCompatible(AgeGroups.Teen, listener);
                    if (adults && teens)
                    {
                        break;
                    }
                }
            }

            _onScheduleNow = known = (minute, adults, teens);
        }

        return ageGroup == AgeGroups.Teen ? known.Teens : known.Adults;
    }

    private NodeSubscriptions Watchers => _watchers ??= new(_timings.ObserverExpiry, time);

    public Task Watch(string nodeId, IChatObserver node)
    {
        if (Watchers.Renew(nodeId, node))
        {
            // A node that just started watching may hold tickets from before: give it the counts now.
            _ = node.QueueProgress(Progress(urgent: false));
            _ = node.QueueProgress(Progress(urgent: true));
        }

        return Task.CompletedTask;
    }

    private long ServedOf(bool urgent) => urgent ? Live.ServedUrgent : Live.ServedNormal;

    private QueueProgress Progress(bool urgent) =>
        new(Topic, urgent ? Priorities.Urgent : Priorities.Normal, ServedOf(urgent), CurrentInterval,
            ListenersAvailable(AgeGroups.Adult), ListenersAvailable(AgeGroups.Teen));

    /// <summary>Nobody available became somebody, or the other way: waiting seekers hear it with the next broadcast.</summary>
    private void AvailabilityMayHaveChanged()
    {
        if (Requests.Count > 0 && NoneAvailable != _broadcastNone)
        {
            ScheduleBroadcast();
            // The first places' tickets carry an estimate, or none while nobody is available: sent again.
            ScheduleFlush();
        }
        else if (Requests.Count > 0 && NoneKnownAvailable != _flushedNoneKnown)
        {
            // Before the roster is known, the tickets' estimates still follow who is known to be available.
            _flushedNoneKnown = NoneKnownAvailable;
            ScheduleFlush();
        }
    }

    /// <summary>Whether no listener known now could take a request of either age group (the roster may be incomplete).</summary>
    private (bool Adults, bool Teens) NoneKnownAvailable => (!AnyAvailable(AgeGroups.Adult), !AnyAvailable(AgeGroups.Teen));

    /// <summary>
    /// A new request while nobody is available: its seeker's node may have heard the last broadcast before they asked
    /// (a node watches once, for every seeker of the topic), so it is sent again (at most once per progress window).
    /// </summary>
    private void TellNewSeekerNobodyIsAvailable(string ageGroup)
    {
        // Only the seeker's own age group: in a topic where nobody may hear teens, an adult's request sends nothing more.
        if (_rosterKnown && !AnyAvailable(ageGroup))
        {
            _broadcastNone = (false, false);
            ScheduleBroadcast();
        }
    }

    /// <summary>At activation: the count is unknown until the roster has been re-sent; then waiting seekers hear it.</summary>
    private void StartRosterClock()
    {
        this.RegisterGrainTimer(
            _ =>
            {
                _rosterKnown = true;
                AvailabilityMayHaveChanged();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(RosterResent, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    /// <summary>Seconds per place as of now (<see cref="WaitEstimator.Interval"/>): it grows while nobody is served.</summary>
    private double? CurrentInterval => WaitEstimator.Interval(Live, Now, Requests.Count > 0, _timings.QueueStallStepSeconds);

    /// <summary>
    /// Every <see cref="MatchChatTimings.QueueStallStep"/> while seekers wait: when nobody has been served for longer than
    /// the usual interval, the estimate has grown, so the broadcast and the first places' tickets are sent again. Nothing
    /// is written: the stall is worked out from the time of the last service, which is stored.
    /// </summary>
    private void OnStallClock()
    {
        if (Requests.Count > 0 && CurrentInterval != _broadcast.Interval)
        {
            ScheduleBroadcast();
            ScheduleFlush();
        }

        // A listener's schedule may have begun or ended since: nobody available may have become somebody, or back.
        if (_availableOnSchedule.Count > 0)
        {
            AvailabilityMayHaveChanged();
        }
    }

    private QueueTicket TicketAt(int index)
    {
        var r = Requests[index];
        return new QueueTicket(
            r.Request.RequestId,
            Topic,
            StatusOf(r),
            index + 1,
            EstimateFor(r, index + 1, CurrentInterval),
            r.Urgent ? Priorities.Urgent : Priorities.Normal,
            ServedOf(r.Urgent));
    }

    /// <summary>
    /// The wait estimate of a request at <paramref name="position"/>: none (null) while nobody is known to be available who
    /// could take it (every listener away, off schedule, or not approved for a teen's request): a number then would be a
    /// promise nobody can keep (an outside probe was told "about 1 second" with no listener available).
    /// </summary>
    /// Also while the roster is not yet known after an activation (the first seconds of a queue): no listener known to
    /// be available is no estimate yet (an outside probe: a teen nobody could take was told "1 second" for 12 s).
    /// And while every available listener who could take it declined it (an outside probe: a seeker the only listener
    /// declined was told "about 2 seconds" at place 1 while everyone behind was served).
    private int? EstimateFor(QueuedRequest r, int position, double? interval) =>
        !AnyAvailable(r.Request.AgeGroup) || (r.Excluded.Count > 0 && !AnyAvailableBesides(r))
            ? null
            : WaitEstimator.Estimate(interval, position);

    /// <summary>
    /// A request some listeners declined or let lapse: whether an available listener could still take it (one it lapsed
    /// with counts: such a listener is offered it again when nobody else can). O(roster), only for such requests.
    /// </summary>
    private bool AnyAvailableBesides(QueuedRequest r)
    {
        _lapsedWith.TryGetValue(r.Request.RequestId, out var lapsed);
        foreach (var listener in _roster.Values)
        {
            if (listener.Available
                && (!r.Excluded.Contains(listener.ListenerId) || lapsed?.Contains(listener.ListenerId) == true)
                && MatchingPolicy.AgeCompatible(r.Request.AgeGroup, listener)
                && (listener.Schedule is null || MatchingPolicy.OnSchedule(listener, Now)))
            {
                return true;
            }
        }

        return false;
    }

    private static string StatusOf(QueuedRequest r) =>
        r.HasOpenOffer || (r.IsStarting && !r.StartUnsettled) ? TicketStatus.Offered : TicketStatus.Waiting;

    /// <summary>A request left: those behind it (of its priority, and every normal one behind an urgent one) move up.</summary>
    private void CountServed(QueuedRequest request)
    {
        if (request.Urgent)
        {
            Live.ServedUrgent++;
        }

        Live.ServedNormal++;
        _lastPushed.Remove(request.Request.RequestId);
        ScheduleProgress();
    }

    /// <summary>
    /// Sends <c>QueueUpdated</c> to each seeker whose status or priority changed, or whose place as their client computes
    /// it (last ticket and the served count) is not their place now, and to the first <c>ExactPlaces</c> seekers whenever
    /// their position or estimate changed. O(waiting) work, but no push for a seeker behind them whose place the
    /// broadcast already tells.
    /// </summary>
    private void PushChangedTickets()
    {
        var interval = CurrentInterval;
        for (var i = 0; i < Requests.Count; i++)
        {
            var r = Requests[i];
            if (_lastPushed.TryGetValue(r.Request.RequestId, out var last)
                && last.Status == StatusOf(r)
                && last.Priority == (r.Urgent ? Priorities.Urgent : Priorities.Normal)
                && last.Position - (ServedOf(r.Urgent) - last.Served) == i + 1
                && (i >= _timings.ExactPlaces
                    || (last.Position == i + 1 && last.EstimatedWaitSeconds == EstimateFor(r, i + 1, interval))))
            {
                continue;
            }

            var ticket = TicketAt(i);
            _lastPushed[ticket.RequestId] = ticket;
            _ = GrainFactory.Ref<IMemberGrain>(r.Request.SeekerId).OnTicketUpdated(ticket);
        }
    }

    private void ScheduleProgress()
    {
        Writes.MarkDirty();
        ScheduleBroadcast();
    }

    private void ScheduleBroadcast()
    {
        _progressTimer ??= this.RegisterGrainTimer(
            _ => BroadcastProgress(),
            new GrainTimerCreationOptions(_timings.QueueProgressDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>The counts that changed since the last broadcast, one-way to every watching node.</summary>
    private Task BroadcastProgress()
    {
        _progressTimer?.Dispose();
        _progressTimer = null;
        var now = (Live.ServedUrgent, Live.ServedNormal, CurrentInterval);
        var none = NoneAvailable;
        if (_watchers is { IsEmpty: false } watchers)
        {
            var intervalChanged = now.CurrentInterval != _broadcast.Interval || none != _broadcastNone;
            if (now.ServedUrgent != _broadcast.Urgent || intervalChanged)
            {
                var urgent = Progress(urgent: true);
                watchers.Notify(n => n.QueueProgress(urgent));
            }

            if (now.ServedNormal != _broadcast.Normal || intervalChanged)
            {
                var normal = Progress(urgent: false);
                watchers.Notify(n => n.QueueProgress(normal));
            }
        }

        _broadcast = now;
        _broadcastNone = none;
        return Task.CompletedTask;
    }
}
