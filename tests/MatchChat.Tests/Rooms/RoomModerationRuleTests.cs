using MatchChat.Contracts.Errors;
using MatchChat.Grains.Rooms;

namespace MatchChat.Tests.Rooms;

/// <summary>Mutes and bans as plain rules of the room's state and the time.</summary>
public sealed class RoomModerationRuleTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_time_limited_mute_holds_until_its_end_and_not_after()
    {
        var state = new RoomState();
        RoomModeration.Impose(state, state.MutedUntil, "m1", RoomModeration.Until(T0, 10), T0);
        Assert.True(RoomModeration.IsMuted(state, "m1", T0.AddMinutes(9.9)));
        Assert.False(RoomModeration.IsMuted(state, "m1", T0.AddMinutes(10)));
        Assert.False(RoomModeration.IsBanned(state, "m1", T0));
    }

    [Fact]
    public void A_sanction_without_minutes_holds_until_undone()
    {
        var state = new RoomState();
        RoomModeration.Impose(state, state.BannedUntil, "m1", RoomModeration.Until(T0, null), T0);
        Assert.True(RoomModeration.IsBanned(state, "m1", T0.AddYears(5)));
        Assert.Equal("", RoomModeration.Describe(state.BannedUntil["m1"]));
        Assert.Equal(" until 2026-01-01 12:10 UTC", RoomModeration.Describe(RoomModeration.Until(T0, 10)));
    }

    [Fact]
    public void Ended_sanctions_are_dropped_so_the_state_stays_bounded()
    {
        var state = new RoomState();
        RoomModeration.Impose(state, state.MutedUntil, "m1", RoomModeration.Until(T0, 1), T0);
        RoomModeration.Impose(state, state.BannedUntil, "m2", RoomModeration.Until(T0, 60), T0);
        Assert.True(RoomModeration.Prune(state, T0.AddMinutes(2)));
        Assert.Empty(state.MutedUntil);
        Assert.Single(state.BannedUntil);
        Assert.False(RoomModeration.Prune(state, T0.AddMinutes(2)));
    }

    [Fact]
    public void A_room_full_of_sanctions_refuses_another_but_updates_an_existing_one()
    {
        var state = new RoomState();
        for (var i = 0; i < RoomModeration.MaxSanctions; i++)
        {
            state.MutedUntil["m" + i] = DateTime.MaxValue;
        }

        var full = Assert.Throws<MatchChatException>(() =>
            RoomModeration.Impose(state, state.BannedUntil, "new", DateTime.MaxValue, T0));
        Assert.Equal(ErrorCodes.Conflict, full.Code);
        Assert.Empty(state.BannedUntil);

        RoomModeration.Impose(state, state.MutedUntil, "m1", RoomModeration.Until(T0, 5), T0);
        Assert.Equal(T0.AddMinutes(5), state.MutedUntil["m1"]);
    }
}
