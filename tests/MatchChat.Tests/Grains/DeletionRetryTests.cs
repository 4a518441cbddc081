using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A deletion whose erasure failed (the store did not answer) is finished by the member's retry, and the room they had
/// already left on the first attempt still hears that their messages are gone (its members' open pages drop the texts).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeletionRetryTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_room_left_by_a_first_attempt_still_hears_MessagesRedacted_when_the_retry_erases()
    {
        var leaving = await _driver.Member();
        var staying = await _driver.Member();
        var room = fixture.Grains.GetGrain<IRoomGrain>("t71");
        await leaving.Grain.JoinRoom("t71");
        await staying.Grain.JoinRoom("t71");
        await room.Subscribe("test-node", _driver.NodeReference());
        var handle = (await leaving.Grain.GetMe()).Handle;
        await room.Send(leaving.Id, "c1", "words to take back");

        ClusterFixture.Store.FailNextRedactionOf(leaving.Id);
        var failed = await Assert.ThrowsAsync<MatchChatException>(() => leaving.Grain.Delete());
        Assert.Equal(ErrorCodes.Unavailable, failed.Code);
        Assert.False((await room.Describe(staying.Id)).MemberCount > 1, "the first attempt left the room");

        await leaving.Grain.Delete();

        var redacted = await _driver.Node.Next<MessagesRedacted>(null, r => r.Handle == handle);
        Assert.Equal("room:t71", redacted.Channel);
        Assert.True((await room.History(staying.Id, null, null, 10)).Single().Redacted);
    }
}
