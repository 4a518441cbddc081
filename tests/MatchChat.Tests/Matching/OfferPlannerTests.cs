using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Matching;
using MatchChat.Grains.Queues;

namespace MatchChat.Tests.Matching;

/// <summary>
/// The incremental planner plans exactly what <see cref="MatchingPolicy.Plan"/> plans over the whole queue and roster:
/// random sequences of the queue's events (requests arriving, becoming urgent, offers made, declined, expired, accepted,
/// starts completed or given up, cancels, listener snapshots, capacity back, blocks, schedules starting and ending),
/// and after each one the incremental plan is compared with the full one.
/// </summary>
public sealed class OfferPlannerTests
{
    // Wednesday 7 January 2026, 17:00 UTC: an hour before the schedules' slot.
    private static readonly DateTime Start = new(2026, 1, 7, 17, 0, 0, DateTimeKind.Utc);
    private static readonly WeeklySchedule Evenings = new("Etc/UTC", [new ScheduleSlot(3, "18:00", "21:30")]);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plans_the_same_offers_as_the_policy_over_the_whole_queue(int seed)
    {
        var model = new QueueModel(new Random(seed));
        for (var step = 0; step < 400; step++)
        {
            model.RandomEvent();
            var full = model.FullPlan();
            var incremental = model.IncrementalPlan();
            Assert.Equal(Describe(full), Describe(incremental));
            model.Apply(incremental);
        }

        Assert.True(model.OffersMade > 20, $"the sequence made only {model.OffersMade} offers");
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Choose_picks_what_sorting_every_eligible_listener_by_the_rules_picks(int seed)
    {
        var random = new Random(seed);
        var tags = new[] { "a", "b", "c" };
        for (var round = 0; round < 50; round++)
        {
            var listeners = Enumerable.Range(0, random.Next(1, 12)).Select(i => new ListenerSnapshot(
                "l" + i, AgeGroups.Adult, tags.Where(_ => random.Next(2) == 0).ToArray(), random.Next(1, 4), random.Next(0, 3),
                false, random.Next(5) != 0, random.Next(3) == 0 ? null : Start.AddMinutes(random.Next(4)), ["grief"])).ToList();
            var seeker = Seeker("r", "s") with { Experiences = tags.Where(_ => random.Next(2) == 0).ToArray() };
            var sorted = listeners
                .Where(l => MatchingPolicy.IsEligible(seeker, l))
                .OrderByDescending(l => MatchingPolicy.Score(seeker, l))
                .ThenByDescending(MatchingPolicy.SpareShare)
                .ThenBy(l => l.LastAssignedAt ?? DateTime.MinValue)
                .ThenBy(l => l.ListenerId, StringComparer.Ordinal)
                .FirstOrDefault();
            Assert.Equal(sorted?.ListenerId, MatchingPolicy.Choose(seeker, listeners)?.ListenerId);
        }
    }

    [Fact]
    public void A_burst_against_full_listeners_plans_nothing_and_a_freed_listener_gets_the_first_in_line()
    {
        var planner = new OfferPlanner();
        planner.SetListener("l1", Listener("l1", active: 2));
        for (var i = 0; i < 100; i++)
        {
            planner.Place("r" + i, false, Start.AddSeconds(i));
            planner.SetSeeker(Seeker("r" + i, "s" + i));
            Assert.Empty(planner.Plan(Start));
        }

        planner.SetListener("l1", Listener("l1", active: 1));
        var planned = Assert.Single(planner.Plan(Start));
        Assert.Equal(("r0", "l1"), (planned.Seeker.RequestId, planned.Listener.ListenerId));
        Assert.Equal(99, planner.WaitingCount);
        Assert.Equal(0, planner.FreeCount);
    }

    [Fact]
    public void A_listener_whose_schedule_begins_is_offered_the_first_in_line_without_any_other_change()
    {
        var planner = new OfferPlanner();
        planner.SetListener("l1", Listener("l1") with { Schedule = Evenings });
        planner.Place("r1", false, Start);
        planner.SetSeeker(Seeker("r1", "s1"));
        Assert.Empty(planner.Plan(Start));
        Assert.Empty(planner.Plan(Start.AddMinutes(30)));

        var planned = Assert.Single(planner.Plan(Start.AddHours(1)));
        Assert.Equal("l1", planned.Listener.ListenerId);
    }

    [Fact]
    public void An_urgent_request_is_planned_before_earlier_normal_ones()
    {
        var planner = new OfferPlanner();
        planner.Place("r1", false, Start);
        planner.SetSeeker(Seeker("r1", "s1"));
        planner.Place("r2", false, Start.AddSeconds(1));
        planner.SetSeeker(Seeker("r2", "s2"));
        planner.Place("r2", true, Start.AddSeconds(1));
        planner.SetSeeker(Seeker("r2", "s2") with { Urgent = true });

        planner.SetListener("l1", Listener("l1"));
        Assert.Equal("r2", Assert.Single(planner.Plan(Start)).Seeker.RequestId);
    }

    private static string Describe(IReadOnlyList<PlannedOffer> plans) =>
        string.Join("; ", plans.Select(p => $"{p.Seeker.RequestId}->{p.Listener.ListenerId} ({p.SharedExperiences}, {p.MatchReason})"));

    private static ListenerSnapshot Listener(string id, int max = 2, int active = 0) =>
        new(id, AgeGroups.Adult, [], max, active, false, true, null, ["grief"]);

    private static WaitingSeeker Seeker(string requestId, string seekerId) =>
        new(requestId, seekerId, "grief", AgeGroups.Adult, [], new HashSet<string>(), false);

    /// <summary>The queue grain's state, kept the way the grain keeps it (its list order from <see cref="QueueOrder"/>), with the planner told every change.</summary>
    private sealed class QueueModel(Random random)
    {
        private static readonly string[] Tags = ["a", "b", "c"];
        private readonly List<QueuedRequest> _queue = [];
        private readonly Dictionary<string, ListenerSnapshot> _roster = new(StringComparer.Ordinal);
        private readonly OfferPlanner _planner = new();
        private DateTime _now = Start;
        private int _requests;

        public int OffersMade { get; private set; }

        public IReadOnlyList<PlannedOffer> FullPlan()
        {
            var waiting = _queue.Where(r => !r.HasOpenOffer && !r.IsStarting).Select(ToWaiting);
            var holding = _queue.Where(r => r.HasOpenOffer).Select(r => r.OfferListenerId!).ToHashSet(StringComparer.Ordinal);
            return MatchingPolicy.Plan(waiting, _roster.Values, holding, _now);
        }

        public IReadOnlyList<PlannedOffer> IncrementalPlan() => _planner.Plan(_now);

        public void Apply(IReadOnlyList<PlannedOffer> plans)
        {
            foreach (var p in plans)
            {
                var r = _queue.Single(q => q.Request.RequestId == p.Seeker.RequestId);
                r.OfferId = "o" + r.Request.RequestId + "-" + OffersMade++;
                r.OfferListenerId = p.Listener.ListenerId;
                Track(r);
                Track(p.Listener.ListenerId);
            }
        }

        public void RandomEvent()
        {
            var offered = _queue.Where(r => r.HasOpenOffer).ToList();
            var starting = _queue.Where(r => r.IsStarting).ToList();
            switch (random.Next(14))
            {
                case 0 or 1 or 2:
                    Enqueue();
                    break;
                case 3 when _queue.Count > 0:
                    var urgent = Pick(_queue);
                    if (QueueOrder.MakeUrgent(_queue, urgent))
                    {
                        _planner.Place(urgent.Request.RequestId, true, urgent.Request.EnqueuedAt);
                        Track(urgent);
                    }

                    break;
                case 4 when offered.Count > 0:
                    // Declined or expired: that listener is not asked again about this request.
                    var declined = Pick(offered);
                    declined.Exclude(declined.OfferListenerId!);
                    CloseOffer(declined);
                    break;
                case 5 when offered.Count > 0:
                    // Accepted: the request starts, the listener's chat counts from now.
                    var accepted = Pick(offered);
                    var listenerId = accepted.OfferListenerId!;
                    CloseOffer(accepted);
                    accepted.StartListenerId = listenerId;
                    Track(accepted);
                    if (_roster.TryGetValue(listenerId, out var l))
                    {
                        SetRoster(l with { ActiveChats = l.ActiveChats + 1, LastAssignedAt = _now });
                    }

                    break;
                case 6 when starting.Count > 0:
                    Remove(Pick(starting));
                    break;
                case 7 when starting.Count > 0:
                    var givenUp = Pick(starting);
                    givenUp.StartListenerId = null;
                    Track(givenUp);
                    break;
                case 8 when _queue.Count > 0:
                    var cancelled = Pick(_queue);
                    if (!cancelled.IsStarting)
                    {
                        Remove(cancelled);
                        CloseOffer(cancelled);
                    }

                    break;
                case 9 or 10:
                    SetRoster(RandomListener());
                    break;
                case 11 when _roster.Count > 0:
                    var chatEnded = Pick(_roster.Values.ToList());
                    SetRoster(chatEnded with { ActiveChats = Math.Max(0, chatEnded.ActiveChats - 1) });
                    break;
                case 12 when _roster.Count > 0:
                    // Unavailable or gone: out of the roster, and their open offers are withdrawn.
                    var gone = Pick(_roster.Keys.ToList());
                    _roster.Remove(gone);
                    Track(gone);
                    foreach (var r in _queue.Where(r => r.OfferListenerId == gone).ToList())
                    {
                        CloseOffer(r);
                    }

                    break;
                case 13:
                    if (random.Next(3) == 0 && _queue.Count > 0)
                    {
                        var blocker = Pick(_queue);
                        blocker.Request = blocker.Request with { Blocked = random.Next(2) == 0 ? [] : ["l" + random.Next(8)] };
                        if (blocker.OfferListenerId is { } offeredTo && blocker.Request.Blocked!.Contains(offeredTo))
                        {
                            CloseOffer(blocker);
                        }

                        Track(blocker);
                    }
                    else
                    {
                        _now = _now.AddMinutes(random.Next(5, 50));
                    }

                    break;
            }
        }

        private void Enqueue()
        {
            var id = "r" + _requests++;
            // Few distinct arrival times, so ties in the queue's order are common.
            var at = Start.AddSeconds(random.Next(_requests / 3, _requests / 3 + 3));
            var request = new QueuedRequest
            {
                Request = new SeekerRequest(id, "s" + random.Next(12), "h", random.Next(6) == 0 ? AgeGroups.Teen : AgeGroups.Adult,
                    Tags.Where(_ => random.Next(3) == 0).ToArray(), null, at,
                    random.Next(5) == 0 ? ["l" + random.Next(8)] : null,
                    PreferredListenerId: random.Next(5) == 0 ? "l" + random.Next(8) : null),
                Urgent = random.Next(8) == 0,
            };
            _queue.Insert(QueueOrder.InsertIndex(_queue, request), request);
            _planner.Place(id, request.Urgent, at);
            Track(request);
        }

        private ListenerSnapshot RandomListener()
        {
            var id = "l" + random.Next(8);
            var max = random.Next(1, 4);
            return new ListenerSnapshot(id, random.Next(5) == 0 ? AgeGroups.Teen : AgeGroups.Adult,
                Tags.Where(_ => random.Next(2) == 0).ToArray(), max, random.Next(0, max + 1), random.Next(2) == 0,
                random.Next(6) != 0, random.Next(3) == 0 ? null : Start.AddMinutes(random.Next(100)),
                random.Next(6) == 0 ? ["anxiety"] : ["grief"], TeenApproved: random.Next(2) == 0,
                Blocked: random.Next(5) == 0 ? ["s" + random.Next(12)] : null)
            {
                Schedule = random.Next(4) == 0 ? Evenings : null,
            };
        }

        private void SetRoster(ListenerSnapshot listener)
        {
            _roster[listener.ListenerId] = listener;
            Track(listener.ListenerId);
            // The listener's blocks withdraw their open offers to the members they block.
            foreach (var r in _queue.Where(r => r.OfferListenerId == listener.ListenerId && (listener.Blocked?.Contains(r.Request.SeekerId) ?? false)).ToList())
            {
                CloseOffer(r);
            }
        }

        private void CloseOffer(QueuedRequest r)
        {
            if (r.OfferListenerId is not { } listenerId)
            {
                return;
            }

            r.OfferId = null;
            r.OfferListenerId = null;
            Track(r);
            Track(listenerId);
        }

        private void Remove(QueuedRequest r)
        {
            _queue.Remove(r);
            Track(r);
            if (r.OfferListenerId is { } listenerId)
            {
                r.OfferId = null;
                r.OfferListenerId = null;
                Track(listenerId);
            }
        }

        private void Track(QueuedRequest r)
        {
            if (!_queue.Contains(r))
            {
                _planner.RemoveSeeker(r.Request.RequestId);
            }
            else if (r.HasOpenOffer || r.IsStarting)
            {
                _planner.HoldSeeker(r.Request.RequestId);
            }
            else
            {
                _planner.SetSeeker(ToWaiting(r));
            }
        }

        private void Track(string listenerId) =>
            _planner.SetListener(listenerId,
                _queue.Any(r => r.OfferListenerId == listenerId) || !_roster.TryGetValue(listenerId, out var l) ? null : l);

        private static WaitingSeeker ToWaiting(QueuedRequest r) =>
            new(r.Request.RequestId, r.Request.SeekerId, "grief", r.Request.AgeGroup, r.Request.Experiences, r.Excluded, false,
                r.Request.Blocked, r.Urgent, r.Request.PreferredListenerId, r.Request.Meaning);

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }
}
