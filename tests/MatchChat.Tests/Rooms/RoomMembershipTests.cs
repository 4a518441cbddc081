using MatchChat.Grains.Rooms;

namespace MatchChat.Tests.Rooms;

/// <summary>A room's membership is bounded: members absent for the membership period lapse; only recent ones are woken.</summary>
public sealed class RoomMembershipTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [Fact]
    public void Members_absent_for_the_membership_period_lapse_and_others_stay()
    {
        var state = new RoomState();
        state.Members["gone"] = "Gone";
        state.LastSeen["gone"] = Now.AddDays(-31);
        state.Members["here"] = "Here";
        state.LastSeen["here"] = Now.AddDays(-29);

        Assert.True(RoomMembership.Prune(state, Now, Month));
        Assert.Equal(["here"], state.Members.Keys);
        Assert.Equal(["here"], state.LastSeen.Keys);
        Assert.False(RoomMembership.Prune(state, Now, Month));
    }

    [Fact]
    public void Members_stored_before_presence_was_recorded_start_counting_at_the_next_activation()
    {
        var state = new RoomState();
        state.Members["old"] = "Old";
        Assert.True(RoomMembership.Prune(state, Now, Month));
        Assert.Equal(Now, state.LastSeen["old"]);
        Assert.False(RoomMembership.Prune(state, Now.AddDays(29), Month));
        Assert.True(RoomMembership.Prune(state, Now.AddDays(30), Month));
        Assert.Empty(state.Members);
    }

    [Fact]
    public void Presence_is_stored_at_most_hourly_and_only_recent_members_are_woken()
    {
        var state = new RoomState();
        state.Members["a"] = "A";
        state.Members["b"] = "B";
        Assert.True(RoomMembership.Touch(state, "a", Now));
        Assert.False(RoomMembership.Touch(state, "a", Now.AddMinutes(30)));
        Assert.True(RoomMembership.Touch(state, "a", Now.AddMinutes(61)));
        state.LastSeen["b"] = Now.AddDays(-3);

        Assert.Equal(["a"], RoomMembership.RecentlyPresent(state, Now.AddHours(2)));
    }
}
