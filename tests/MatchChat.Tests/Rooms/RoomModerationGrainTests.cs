using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Rooms;

/// <summary>Time-limited mutes and bans end by themselves: the room grain compares them to its clock, here a manual one.</summary>
public sealed class RoomModerationGrainTests(ManualClockClusterFixture fixture) : IClassFixture<ManualClockClusterFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A room whose topic an operator has since taken out of the configuration: leaving it (as deleting one's data
    /// and a suspension do for every room of the member) still succeeds (a review: it threw not_found every time).</summary>
    [Fact]
    public async Task Leaving_a_room_whose_topic_is_gone_from_the_configuration_succeeds()
    {
        var room = await fixture.Grains.GetGrain<IRoomGrain>("retired-topic").Leave(NewId());

        Assert.Equal("retired-topic", room.Slug);
        Assert.False(room.Joined);
    }

    [Fact]
    public async Task A_five_minute_mute_refuses_sends_until_the_five_minutes_have_passed()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>("t01");
        var member = NewId();
        await room.Join(member, "Muted-1");
        await room.Send(member, "before", "before the mute");

        await room.Moderate(member, RoomActions.Mute, 5);
        var muted = await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member, "during", "while muted"));
        Assert.Equal(ErrorCodes.Forbidden, muted.Code);
        Assert.Contains("muted", muted.Message);
        // A send from before the mute, repeated because its answer was lost, still gets the original.
        Assert.Equal("before the mute", (await room.Send(member, "before", "before the mute")).Text);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member, "before", "other words"))).Code);

        fixture.Clock.Advance(TimeSpan.FromMinutes(4));
        await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member, "still", "still muted"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await room.Send(member, "after", "the mute has ended");
        Assert.Equal("the mute has ended", after.Text);
        // A muted member could still read the room all along.
        Assert.Equal(2, (await room.History(member, null, null, 50)).Length);
    }

    [Fact]
    public async Task A_ten_minute_ban_removes_the_member_and_refuses_joins_until_it_ends()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>("t02");
        var member = NewId();
        await room.Join(member, "Banned-1");

        await room.Moderate(member, RoomActions.Ban, 10);
        Assert.False((await room.Describe(member)).Joined);
        var refused = await Assert.ThrowsAsync<MatchChatException>(() => room.Join(member, "Banned-1"));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member, "x", "not a member"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await room.Join(member, "Banned-1")).Joined);
    }

    [Fact]
    public async Task Unmute_and_unban_lift_a_sanction_without_an_end_at_once()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>("t03");
        var member = NewId();
        await room.Join(member, "Lifted-1");
        await room.Moderate(member, RoomActions.Mute, null);
        fixture.Clock.Advance(TimeSpan.FromDays(400));
        await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member, "a", "still muted a year on"));
        await room.Moderate(member, RoomActions.Unmute, null);
        await room.Send(member, "b", "unmuted");

        await room.Moderate(member, RoomActions.Ban, null);
        await Assert.ThrowsAsync<MatchChatException>(() => room.Join(member, "Lifted-1"));
        await room.Moderate(member, RoomActions.Unban, null);
        Assert.True((await room.Join(member, "Lifted-1")).Joined);
    }

    [Fact]
    public async Task The_end_of_a_timed_mute_is_told_to_the_members_pages_when_it_comes()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>("t04");
        var node = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<Contracts.Push.IChatObserver>(node);
        await room.Subscribe("node-t04", reference);
        var member = NewId();
        await room.Join(member, "Timed-1");

        await room.Moderate(member, RoomActions.Mute, 1);
        Assert.True((await node.Next<MutedInRoom>(member, m => m.Room == "t04")).Muted);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        await room.Subscribe("node-t04", reference); // the node's renewal, as a web node makes it
        var ended = await node.Next<MutedInRoom>(member, m => m.Room == "t04" && !m.Muted);
        Assert.Null(ended.Until);
        Assert.Equal("free again", (await room.Send(member, "c", "free again")).Text);
    }
}
