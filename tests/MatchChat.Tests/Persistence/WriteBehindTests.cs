using System.Diagnostics;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// The topic queue's group commit (<see cref="WriteBehind"/>): a caller is answered only after a write that began after
/// its change, with pacing a slow write is followed by a pause in which further changes join the next write, and calls
/// waiting for the grain share a write even when storage answers at once.
/// </summary>
public sealed class WriteBehindTests
{
    private static readonly TimeSpan SlowWrite = TimeSpan.FromMilliseconds(100);

    [Fact]
    public Task Changes_made_after_a_slow_write_wait_and_share_the_next_write() => OneAtATime(async () =>
    {
        var (behind, writes) = SlowWrites(pacing: 3);

        var first = behind.Persist();
        await Began(writes, 1);
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
        await Began(writes, 1);
        var second = behind.Persist();
        await first;
        var thirdAt = Stopwatch.GetTimestamp();
        var third = behind.Persist();
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        // The second write began as soon as the first ended, before the third change: the third needed a write of its own.
        Assert.Equal(3, writes.Count);
        Assert.True(writes[2] > thirdAt);
    });

    [Fact]
    public Task Calls_waiting_for_the_grain_share_one_write_when_storage_answers_at_once() => OneAtATime(async () =>
    {
        // The embedded mode's storage completes a write before returning. Fifty calls queued for the grain at once
        // (a burst of requests to one topic): the first call's write waits for the others' turns, so all share it.
        var writes = new List<long>();
        var behind = new WriteBehind(null!, () =>
        {
            writes.Add(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1), NullLogger.Instance, pacing: 3);

        var calls = Enumerable.Range(0, 50)
            .Select(_ => Task.Factory.StartNew(behind.Persist, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap())
            .ToList();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(writes);
        Assert.All(calls, c => Assert.True(c.IsCompletedSuccessfully));
    });

    [Fact]
    public Task A_slow_write_that_storage_answers_at_once_is_still_followed_by_a_pause() => OneAtATime(async () =>
    {
        var writes = new List<long>();
        var behind = new WriteBehind(null!, () =>
        {
            writes.Add(Stopwatch.GetTimestamp());
            Thread.Sleep(20); // a long queue serialised in the grain's turn
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1), NullLogger.Instance, pacing: 3);

        await behind.Persist();
        var second = behind.Persist();
        var third = behind.Persist(); // made while the second write waits: shares it
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, writes.Count);
        // The first write took ≥ 20 ms, so the second began ≥ 3 × that after it ended.
        Assert.True(Stopwatch.GetElapsedTime(writes[0], writes[1]) >= TimeSpan.FromMilliseconds(20 + 55),
            $"the second write began {Stopwatch.GetElapsedTime(writes[0], writes[1]).TotalMilliseconds:F0} ms after the first");
    });

    [Fact]
    public Task A_quick_write_of_a_large_state_is_followed_by_a_pause_for_its_size() => OneAtATime(async () =>
    {
        // A long queue packed (each request's bytes kept): the write is quick, but stores a megabyte every time.
        var writes = new List<long>();
        var behind = new WriteBehind(null!, () =>
        {
            writes.Add(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1), NullLogger.Instance, pacing: 3, bytesPerSecond: 10_000_000, lastWriteBytes: () => 1_000_000);

        await behind.Persist();
        var second = behind.Persist();
        var third = behind.Persist(); // made while the second write waits: shares it
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, writes.Count);
        // 1 MB at 10 MB/s: the second write began ≥ 100 ms after the first.
        Assert.True(Stopwatch.GetElapsedTime(writes[0], writes[1]) >= TimeSpan.FromMilliseconds(95),
            $"the second write began {Stopwatch.GetElapsedTime(writes[0], writes[1]).TotalMilliseconds:F0} ms after the first");
    });

    /// <summary>Until <paramref name="count"/> writes have begun (a write begins once the calls queued before it ran).</summary>
    private static async Task Began(List<long> writes, int count)
    {
        while (true)
        {
            lock (writes)
            {
                if (writes.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(1);
        }
    }

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
