using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>The standing rules in the member grain, on the two-silo cluster: suspension ends by itself, deletion is final and repeatable.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StandingGrainTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_timed_suspension_ends_by_itself_when_its_time_has_passed()
    {
        var member = await _driver.Member();
        await member.Grain.Suspend(DateTime.UtcNow.AddSeconds(2), "cooling off");

        var standing = await member.Grain.GetStanding();
        Assert.True(standing.Suspended);
        Assert.NotNull(standing.SuspendedUntil);
        var refused = await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.GetMe());
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.Attach("another-node", member.Node));
        Assert.Equal("suspended", (await _driver.Node.Next<RecordingObserver.Closed>(member.Id)).Reason);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await member.Grain.GetStanding()).Suspended)
        {
            Assert.True(DateTime.UtcNow < deadline, "the suspension did not end by itself");
            await Task.Delay(100);
        }

        Assert.Equal(AgeGroups.Adult, (await member.Grain.GetMe()).AgeGroup);
        await member.Grain.Attach("another-node", member.Node);
    }

    [Fact]
    public async Task A_suspension_in_the_past_is_refused_and_changes_nothing()
    {
        var member = await _driver.Member();
        var e = await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.Suspend(DateTime.UtcNow.AddMinutes(-1), "late"));
        Assert.Equal(ErrorCodes.Invalid, e.Code);
        Assert.False((await member.Grain.GetStanding()).Suspended);
    }

    [Fact]
    public async Task Deletion_is_final_keeps_the_handle_and_is_harmless_twice()
    {
        var member = await _driver.Member();
        var handle = (await member.Grain.GetMe()).Handle;
        Assert.True(await _driver.Grains.GetGrain<IHandleGrain>(handle).Claim(member.Id));
        var room = await member.Grain.JoinRoom(TestTopics.Slug(70));
        await _driver.Grains.GetGrain<Contracts.Rooms.IRoomGrain>(TestTopics.Slug(70)).Send(member.Id, "m1", "something I regret saying");

        await member.Grain.Delete();
        await member.Grain.Delete();

        Assert.Equal(MemberStanding.Missing, await member.Grain.GetStanding());
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<MatchChatException>(() => member.Grain.GetMe())).Code);
        Assert.Equal("deleted", (await _driver.Node.Next<RecordingObserver.Closed>(member.Id)).Reason);
        // The handle is never given to anyone else: its owner stays the deleted member.
        Assert.False(await _driver.Grains.GetGrain<IHandleGrain>(handle).Claim(Guid.NewGuid().ToString("N")));
        Assert.Equal(member.Id, await _driver.Grains.GetGrain<IHandleGrain>(handle).Owner());
        // A deleted member's message is erased in the store itself.
        var stored = await ClusterFixture.Store.ReadAsync(room.Channel, null, null, 50);
        var row = Assert.Single(stored, m => m.SenderId == member.Id);
        Assert.Equal(("", true), (row.Text, row.Redacted));
        Assert.Equal(Channels.ForRoom(TestTopics.Slug(70)), row.Channel);
    }
}
