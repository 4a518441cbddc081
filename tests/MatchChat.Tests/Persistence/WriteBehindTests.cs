using System.Diagnostics;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// The topic queue's group commit (<see cref="WriteBehind"/>): a caller is answered only after a write that began after
/// its change, and with pacing a slow write is followed by a pause in which further changes join the next write.
/// </summary>
public sealed class WriteBehindTests
{
    private static readonly TimeSpan SlowWrite = TimeSpan.FromMilliseconds(100);

    [Fact]
    public Task Changes_made_after_a_slow_write_wait_and_share_the_next_write() => OneAtATime(async () =>
    {
        var (behind, writes) = SlowWrites(pacing: 3);

        var first = behind.Persist();
        var second = behind.Persist(); // during the first write: joins the next one
        await first;
        // The first write took ≥ 100 ms, so the next waits min(3 × that, 250 ms) before it begins: a change made now joins it.
        var thirdAt = Stopwatch.GetTimestamp();
        var third = behind.Persist();
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, writes.Count);
        Assert.True(writes[1] > thirdAt, "the second write began before the third change was made, yet answered it");
        Assert.True(Stopwatch.GetElapsedTime(writes[0], writes[1]) >= SlowWrite + WriteBehind.MaxPause / 2,
            "the second write did not wait after the slow first one");
    });

    [Fact]
    public Task Without_pacing_writes_follow_each_other_and_every_change_is_answered_after_its_own_write_began() => OneAtATime(async () =>
    {
        var (behind, writes) = SlowWrites(pacing: 0);

        var first = behind.Persist();
        var second = behind.Persist();
        await first;
        var thirdAt = Stopwatch.GetTimestamp();
        var third = behind.Persist();
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        // The second write began as soon as the first ended, before the third change: the third needed a write of its own.
        Assert.Equal(3, writes.Count);
        Assert.True(writes[2] > thirdAt);
    });

    /// <summary>A group commit whose every write takes <see cref="SlowWrite"/>; <c>writes</c> holds when each began.</summary>
    private static (WriteBehind Behind, List<long> Writes) SlowWrites(double pacing)
    {
        var writes = new List<long>();
        var behind = new WriteBehind(null!, async () =>
        {
            lock (writes)
            {
                writes.Add(Stopwatch.GetTimestamp());
            }

            await Task.Delay(SlowWrite);
        }, TimeSpan.FromSeconds(1), NullLogger.Instance, pacing);
        return (behind, writes);
    }

    /// <summary>Runs the body and all its continuations one at a time, as a grain's scheduler would.</summary>
    private static Task OneAtATime(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
