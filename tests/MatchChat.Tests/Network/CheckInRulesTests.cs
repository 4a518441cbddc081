using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Network;
using MatchChat.Grains.CheckIns;
using MatchChat.Grains.Network;

namespace MatchChat.Tests.Network;

/// <summary>The check-in timing and the network's keep/available rules, without a cluster.</summary>
public sealed class CheckInRulesTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PendingCheckIn At(string id, int minutes) => new(id, null, null, null, T0.AddMinutes(minutes));

    [Fact]
    public void Only_check_ins_whose_time_has_come_are_due_earliest_first()
    {
        var due = CheckInRules.Due([At("late", 0), At("future", 5), At("early", -10)], T0);
        Assert.Equal(["early", "late"], due.Select(d => d.CheckInId));
    }

    [Fact]
    public void The_timer_aims_at_the_next_due_time_and_never_further_than_an_hour()
    {
        Assert.Equal(T0.AddMinutes(5), CheckInRules.NextDue([At("a", -1), At("b", 5), At("c", 9)], T0));
        Assert.Null(CheckInRules.NextDue([At("a", -1)], T0));
        Assert.Equal(TimeSpan.FromMinutes(5), CheckInRules.TimerDelay(T0.AddMinutes(5), T0));
        Assert.Equal(TimeSpan.Zero, CheckInRules.TimerDelay(T0.AddMinutes(-5), T0));
        Assert.Equal(TimeSpan.FromHours(1), CheckInRules.TimerDelay(T0.AddDays(30), T0));
    }

    [Fact]
    public void Delivered_check_ins_are_kept_a_week_at_most_fifty()
    {
        var many = Enumerable.Range(0, 60).Select(i => new DeliveredEntry(At("d" + i, 0), T0.AddMinutes(-i))).ToList();
        many.Add(new DeliveredEntry(At("old", 0), T0.AddDays(-8)));
        var kept = CheckInRules.TrimDelivered(many, T0);
        Assert.Equal(CheckInRules.MaxKeptDelivered, kept.Count);
        Assert.DoesNotContain(kept, k => k.CheckIn.CheckInId == "old");
        Assert.Equal("d0", kept[0].CheckIn.CheckInId);
    }

    [Fact]
    public void A_contact_is_dropped_when_either_blocked_the_other_or_they_deleted_their_data()
    {
        var owner = new ContactCard(true, "adult", [], false, false, []);
        var contact = new ContactCard(true, "adult", ["grief"], true, false, []);
        Assert.True(NetworkRules.Keeps("me", owner, "them", contact));
        Assert.False(NetworkRules.Keeps("me", owner with { Blocked = ["them"] }, "them", contact));
        Assert.False(NetworkRules.Keeps("me", owner, "them", contact with { Blocked = ["me"] }));
        Assert.False(NetworkRules.Keeps("me", owner, "them", ContactCard.Missing));
    }

    [Fact]
    public void Available_means_the_contact_could_take_a_chat_with_this_member_now()
    {
        var adult = new ContactCard(true, "adult", [], false, false, []);
        var teen = adult with { AgeGroup = "teen" };
        var free = new ContactCard(true, "adult", ["grief"], true, false, []);
        Assert.True(NetworkRules.AvailableTo(adult, free));
        Assert.False(NetworkRules.AvailableTo(adult, free with { CanTakeChat = false }));
        Assert.False(NetworkRules.AvailableTo(teen, free));
        Assert.True(NetworkRules.AvailableTo(teen, free with { TakesTeens = true }));
        Assert.False(NetworkRules.AvailableTo(adult, free with { AgeGroup = "teen" }));
    }

    [Fact]
    public void Last_talked_is_the_newest_conversation_with_that_handle()
    {
        var entry = new ContactEntry("id", "Calm-1", T0, T0);
        Conversation Talk(string peer, int minutes) => new("c" + minutes, "conversation:c", "grief", peer, "seeker", [], T0.AddMinutes(minutes), null);
        Assert.Equal(T0.AddMinutes(30), NetworkRules.LastTalked(entry, [Talk("Calm-1", 30), Talk("Other-2", 90), Talk("Calm-1", -5)]));
        Assert.Equal(T0, NetworkRules.LastTalked(entry, []));
    }
}
