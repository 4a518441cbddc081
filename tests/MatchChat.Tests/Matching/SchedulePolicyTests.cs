using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Matching;

/// <summary>[network] A listener's weekly schedule as an eligibility rule of the pure policy, with the clock passed in.</summary>
public sealed class SchedulePolicyTests
{
    // Wednesday 7 January 2026, in UTC.
    private static readonly DateTime Wednesday = new(2026, 1, 7, 0, 0, 0, DateTimeKind.Utc);

    private static ListenerSnapshot Listener(string id, WeeklySchedule? schedule = null) =>
        new ListenerSnapshot(id, "adult", [], 2, 0, false, true, null, ["grief"]) { Schedule = schedule };

    private static WaitingSeeker Seeker(string id = "s1") => new("r-" + id, id, "grief", "adult", [], new HashSet<string>(), false);

    private static WeeklySchedule Slots(string zone, params ScheduleSlot[] slots) => new(zone, slots);

    [Fact]
    public void Inside_a_slot_the_listener_is_eligible_and_outside_they_are_not()
    {
        var listener = Listener("l1", Slots("Etc/UTC", new ScheduleSlot(3, "18:00", "21:30")));
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(19)));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(12)));
        // Another day at the same hour is outside.
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddDays(1).AddHours(19)));
    }

    [Fact]
    public void A_slot_starts_at_from_and_ends_just_before_to()
    {
        var listener = Listener("l1", Slots("Etc/UTC", new ScheduleSlot(3, "18:00", "21:30")));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(18).AddSeconds(-1)));
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(18)));
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(21.5).AddSeconds(-1)));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(21.5)));
    }

    [Fact]
    public void Slots_are_read_in_the_listeners_time_zone_with_its_summer_time()
    {
        // Tuesday 20:00-23:00 in New York is Wednesday 01:00-04:00 UTC in January (UTC-5), 00:00-03:00 in July (UTC-4).
        var listener = Listener("l1", Slots("America/New_York", new ScheduleSlot(2, "20:00", "23:00")));
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(3.5)));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddHours(0.5)));
        var julyWednesday = new DateTime(2026, 7, 8, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, julyWednesday.AddHours(0.5)));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, julyWednesday.AddHours(3.5)));
    }

    [Fact]
    public void A_slot_to_24_00_covers_the_last_minute_of_the_day()
    {
        var listener = Listener("l1", Slots("Etc/UTC", new ScheduleSlot(3, "22:00", "24:00")));
        Assert.True(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddDays(1).AddSeconds(-1)));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), listener, Wednesday.AddDays(1)));
    }

    [Fact]
    public void Without_a_schedule_availability_alone_decides()
    {
        Assert.True(MatchingPolicy.IsEligible(Seeker(), Listener("l1"), Wednesday));
        Assert.False(MatchingPolicy.IsEligible(Seeker(), Listener("l1") with { Available = false }, Wednesday.AddHours(19)));
    }

    [Fact]
    public void The_plan_passes_over_an_off_schedule_listener_to_one_on_schedule()
    {
        var evenings = Slots("Etc/UTC", new ScheduleSlot(3, "18:00", "22:00"));
        var mornings = Slots("Etc/UTC", new ScheduleSlot(3, "06:00", "10:00"));
        // l1 is preferred on every other rule (never assigned, sorted first), but is off schedule at 19:00.
        var plan = MatchingPolicy.Plan([Seeker()], [Listener("l1", mornings), Listener("l2", evenings)], new HashSet<string>(), Wednesday.AddHours(19));
        Assert.Equal("l2", Assert.Single(plan).Listener.ListenerId);

        Assert.Empty(MatchingPolicy.Plan([Seeker()], [Listener("l1", mornings)], new HashSet<string>(), Wednesday.AddHours(19)));
    }

    [Theory]
    [InlineData("Not/AZone", 1, "10:00", "11:00", "timeZone")]
    [InlineData("Etc/UTC", 7, "10:00", "11:00", "day")]
    [InlineData("Etc/UTC", 1, "11:00", "10:00", "from before to")]
    [InlineData("Etc/UTC", 1, "10:00", "10:00", "from before to")]
    [InlineData("Etc/UTC", 1, "9:00", "10:00", "HH:mm")]
    [InlineData("Etc/UTC", 1, "24:00", "24:00", "HH:mm")]
    [InlineData("Etc/UTC", 1, "10:00", "25:00", "HH:mm")]
    public void An_unsound_schedule_is_named(string zone, int day, string from, string to, string says) =>
        Assert.Contains(says, ScheduleRules.Problem(Slots(zone, new ScheduleSlot(day, from, to))));

    [Fact]
    public void A_schedule_needs_one_to_28_slots_and_a_sound_one_has_no_problem()
    {
        Assert.NotNull(ScheduleRules.Problem(Slots("Etc/UTC")));
        Assert.NotNull(ScheduleRules.Problem(Slots("Etc/UTC", [.. Enumerable.Range(0, 29).Select(i => new ScheduleSlot(i % 7, "10:00", "11:00"))])));
        Assert.Null(ScheduleRules.Problem(Slots("Europe/London", new ScheduleSlot(0, "00:00", "24:00"), new ScheduleSlot(6, "19:30", "21:00"))));
    }
}
