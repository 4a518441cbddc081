using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Matching;

/// <summary>
/// The ordered path (<see cref="TieBreakPlan"/>: a seeker without tags, meaning or preferred listener takes the first
/// eligible free listener in <see cref="ListenerTieBreak"/> order) plans exactly what the scan
/// (<see cref="MatchingPolicy.Plan"/> over the roster in any order) plans.
/// </summary>
public sealed class TieBreakPlanTests
{
    private static readonly DateTime Start = new(2026, 1, 7, 17, 0, 0, DateTimeKind.Utc);
    private static readonly WeeklySchedule Evenings = new("Etc/UTC", [new ScheduleSlot(3, "18:00", "21:30")]);
    private static readonly string[] Tags = ["a", "b"];

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
    public void The_ordered_path_plans_what_the_scan_plans(int seed)
    {
        var random = new Random(seed);
        var uniformPlanned = 0;
        for (var round = 0; round < 40; round++)
        {
            var listeners = Enumerable.Range(0, random.Next(0, 30)).Select(i => RandomListener(random, i)).ToList();
            var seekers = Enumerable.Range(0, random.Next(1, 40)).Select(i => RandomSeeker(random, i)).ToList();
            var holding = listeners.Where(_ => random.Next(6) == 0).Select(l => l.ListenerId).ToHashSet(StringComparer.Ordinal);
            var now = Start.AddMinutes(random.Next(0, 120));

            var shuffled = listeners.OrderBy(_ => random.Next()).ToList();
            var scan = MatchingPolicy.Plan(seekers, shuffled, holding, now);
            var ordered = TieBreakPlan.Plan(seekers, listeners.Order(ListenerTieBreak.Instance).ToList(), holding, now);

            Assert.Equal(Describe(scan), Describe(ordered));
            uniformPlanned += ordered.Count(p => TieBreakPlan.UniformScore(p.Seeker));
        }

        Assert.True(uniformPlanned > 20, $"only {uniformPlanned} offers went through the ordered path");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void For_a_seeker_without_tags_meaning_or_preference_the_first_eligible_in_order_is_what_Choose_picks(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            var listeners = Enumerable.Range(0, random.Next(1, 20)).Select(i => RandomListener(random, i)).ToList();
            var seeker = RandomSeeker(random, round) with { Experiences = [], Preferred = null };
            var first = listeners.Order(ListenerTieBreak.Instance).FirstOrDefault(l => MatchingPolicy.IsEligible(seeker, l));
            Assert.Equal(MatchingPolicy.Choose(seeker, listeners)?.ListenerId, first?.ListenerId);
        }
    }

    [Fact]
    public void A_burst_of_plain_seekers_takes_listeners_most_spare_first_then_longest_idle_then_by_id()
    {
        var listeners = new[]
        {
            Listener("l3", active: 1, last: null),
            Listener("l2", active: 0, last: Start),
            Listener("l1", active: 0, last: Start),
            Listener("l0", active: 0, last: Start.AddMinutes(-5)),
        };
        var seekers = Enumerable.Range(0, 5).Select(i => Seeker("r" + i)).ToList();

        var plan = TieBreakPlan.Plan(seekers, listeners.Order(ListenerTieBreak.Instance).ToList(), new HashSet<string>());

        Assert.Equal("r0->l0; r1->l1; r2->l2; r3->l3", Describe(plan));
    }

    private static string Describe(IReadOnlyList<PlannedOffer> plans) =>
        string.Join("; ", plans.Select(p => $"{p.Seeker.RequestId}->{p.Listener.ListenerId}"
            + (p.SharedExperiences > 0 || p.MatchReason is not null ? $" ({p.SharedExperiences}, {p.MatchReason})" : "")));

    private static ListenerSnapshot Listener(string id, int active, DateTime? last) =>
        new(id, AgeGroups.Adult, [], 2, active, false, true, last, ["grief"]);

    private static WaitingSeeker Seeker(string requestId) =>
        new(requestId, "s" + requestId, "grief", AgeGroups.Adult, [], new HashSet<string>(), false);

    /// <summary>Few distinct capacities and times, so the tie-breakers tie often and the id decides.</summary>
    private static ListenerSnapshot RandomListener(Random random, int i)
    {
        var max = random.Next(1, 3);
        return new ListenerSnapshot("l" + i, random.Next(6) == 0 ? AgeGroups.Teen : AgeGroups.Adult,
            Tags.Where(_ => random.Next(3) == 0).ToArray(), max, random.Next(0, max + 1), random.Next(2) == 0,
            random.Next(8) != 0, random.Next(3) == 0 ? null : Start.AddMinutes(random.Next(3)),
            random.Next(8) == 0 ? ["anxiety"] : ["grief"], TeenApproved: random.Next(2) == 0,
            Blocked: random.Next(6) == 0 ? ["s" + random.Next(10)] : null)
        {
            Schedule = random.Next(5) == 0 ? Evenings : null,
        };
    }

    /// <summary>Mostly plain seekers (the ordered path), some with tags or a preferred listener (the scan).</summary>
    private static WaitingSeeker RandomSeeker(Random random, int i) =>
        new("r" + i, "s" + random.Next(10), "grief", random.Next(6) == 0 ? AgeGroups.Teen : AgeGroups.Adult,
            random.Next(4) == 0 ? Tags.Where(_ => random.Next(2) == 0).ToArray() : [],
            random.Next(4) == 0 ? new HashSet<string> { "l" + random.Next(20) } : new HashSet<string>(),
            random.Next(10) == 0,
            random.Next(5) == 0 ? ["l" + random.Next(20)] : null,
            random.Next(6) == 0,
            random.Next(6) == 0 ? "l" + random.Next(20) : null);
}
