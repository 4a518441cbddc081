using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A <c>RequestListener</c> whose answer comes after the hub stopped waiting (the hub told the member
/// <c>unavailable: busy</c>) leaves nothing behind. Before, the request stayed queued: the member was told it failed,
/// was matched later all the same, and their retry answered <c>conflict</c> (S8 at 1,000 requests/s, docs/benchmarks.md).
/// The hub's deadline is what it sends with the call (<see cref="CallDeadline"/>); a slow queue write makes the call late.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestDeadlineTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_request_answered_after_the_callers_deadline_is_withdrawn_and_asking_again_is_not_a_conflict()
    {
        var topic = TestTopics.Slug(59);
        var seeker = await _driver.Member();
        FaultyGrainStorage.DelayWrites(topic, TimeSpan.FromSeconds(1.5));
        MatchChatException late;
        try
        {
            late = await Late(() => seeker.Grain.RequestListener(topic, [], null));
        }
        finally
        {
            FaultyGrainStorage.DelayWrites(topic, TimeSpan.Zero);
        }

        Assert.Equal(ErrorCodes.Unavailable, late.Code);
        Assert.Null((await seeker.Grain.GetMe()).OpenRequest);
        // Nobody is ahead of the retry: the first request is not waiting in the queue either.
        var again = await seeker.Grain.RequestListener(topic, [], null);
        Assert.Equal(1, again.Position);
    }

    [Fact]
    public async Task A_request_answered_before_the_deadline_stands()
    {
        var topic = TestTopics.Slug(55);
        var seeker = await _driver.Member();
        var ticket = await WithDeadline(DateTime.UtcNow.AddSeconds(30), () => seeker.Grain.RequestListener(topic, [], null));
        Assert.Equal(ticket.RequestId, (await seeker.Grain.GetMe()).OpenRequest?.RequestId);
    }

    /// <summary>The call with a deadline 0.5 s away, as the hub sends it; its refusal.</summary>
    private static async Task<MatchChatException> Late<T>(Func<Task<T>> call) =>
        await Assert.ThrowsAsync<MatchChatException>(() => WithDeadline(DateTime.UtcNow.AddSeconds(0.5), call));

    private static async Task<T> WithDeadline<T>(DateTime deadline, Func<Task<T>> call)
    {
        CallDeadline.Set(deadline);
        return await call();
    }
}
