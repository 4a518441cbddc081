using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>A change whose write fails is answered unavailable and is not there afterwards: memory never runs ahead of storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WriteDisciplineTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_member_change_whose_write_fails_is_not_visible_afterwards()
    {
        var member = await _driver.Member();

        FaultyGrainStorage.FailWrites("member", 1);
        var e = await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.Volunteer([TestTopics.Slug(64)], ["loss"], 2, false));
        Assert.Equal(ErrorCodes.Unavailable, e.Code);

        var me = await member.Grain.GetMe();
        Assert.Null(me.Listener);
        Assert.Equal([MemberRoles.Seeker], me.Roles);

        // Once storage answers, the same change goes through.
        var profile = await member.Grain.Volunteer([TestTopics.Slug(64)], ["loss"], 2, false);
        Assert.Equal(2, profile.MaxConcurrentChats);
        Assert.Equal(2, (await member.Grain.GetMe()).Listener!.MaxConcurrentChats);
    }

    [Fact]
    public async Task A_room_join_whose_write_fails_is_not_visible_afterwards()
    {
        var slug = TestTopics.Slug(65);
        var member = await _driver.Member();
        var room = _driver.Grains.GetGrain<IRoomGrain>(slug);

        FaultyGrainStorage.FailWrites("room", 1);
        var e = await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.JoinRoom(slug));
        Assert.Equal(ErrorCodes.Unavailable, e.Code);

        Assert.Equal(0, (await room.Describe()).MemberCount);
        var denied = await Assert.ThrowsAsync<MatchChatException>(() => room.Send(member.Id, "c1", "not a member"));
        Assert.Equal(ErrorCodes.Forbidden, denied.Code);

        Assert.Equal(1, (await member.Grain.JoinRoom(slug)).MemberCount);
        Assert.Equal(1, (await room.Send(member.Id, "c2", "now a member")).Seq);
    }

    [Fact]
    public async Task A_request_whose_member_write_fails_does_not_stay_in_the_queue()
    {
        var topic = TestTopics.Slug(66);
        var member = await _driver.Member();

        FaultyGrainStorage.FailWrites("member", 1);
        var e = await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.RequestListener(topic, [], null));
        Assert.Equal(ErrorCodes.Unavailable, e.Code);

        // Asking again works, and the member waits once, first in line: the failed request left nothing behind.
        var ticket = await member.Grain.RequestListener(topic, [], null);
        Assert.Equal(1, ticket.Position);
    }

    [Fact]
    public async Task A_request_whose_queue_write_fails_is_not_kept_by_the_member()
    {
        var topic = TestTopics.Slug(49);
        var member = await _driver.Member();

        // The member's own write runs beside the queue's: it succeeds, the queue's fails, and the request is refused;
        // the member clears it again (and the queue's withdrawal notice would too).
        FaultyGrainStorage.FailWrites("queue", 1);
        await Assert.ThrowsAnyAsync<Exception>(() => member.Grain.RequestListener(topic, [], null));
        Assert.Equal(0, FaultyGrainStorage.FailuresLeft);

        // Asking again works (no "you already have an open request"), and the member waits once, first in line.
        var ticket = await member.Grain.RequestListener(topic, [], null);
        Assert.Equal(1, ticket.Position);
        Assert.Equal(ticket.RequestId, (await member.Grain.GetMe()).OpenRequest?.RequestId);
    }
}
