using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// Group commit for a reentrant grain whose memory is the truth (the topic queue): every change made while a write is
/// in flight shares the next write; a caller of <see cref="Persist"/> returns once a write that began after its change
/// has completed. A failed write is retried on a grain timer until storage answers.
/// Paced: a write's cost grows with the state (a queue's every waiting request), so the next write begins no sooner than
/// <c>pacing</c> × the last write's duration after it ended (at most <see cref="MaxPause"/>; none after a write under
/// <see cref="PacedFrom"/>). Writing then takes at most 1 / (1 + pacing) of the grain's time, and more changes share
/// each write, instead of one write after another taking the grain's whole turn budget in a burst (S4's profile).
/// With a byte budget (<paramref name="bytesPerSecond"/> and <paramref name="lastWriteBytes"/>, the size of what the last
/// write stored) the pause is also at least that size / the budget: a write that is quick but stores a whole long queue
/// (<see cref="Queues.PackedRequests"/>) allocates that much each time, and unpaced it ran several times as often
/// (docs/benchmarks.md, stop 44).
/// A write begins only after the calls already waiting for the grain have had their turn, so their changes share it
/// even when storage answers at once (the embedded mode's in-process storage does; a write function that completes at
/// once would otherwise write once per call: docs/benchmarks.md stop 42). Orleans' own state bridge also begins every
/// storage operation after a forced yield (docs/benchmarks.md stop 43); this does not depend on that.
/// </summary>
public sealed class WriteBehind(
    IGrainBase grain, Func<Task> write, TimeSpan retryDelay, ILogger logger, double pacing = 0, double bytesPerSecond = 0,
    Func<long>? lastWriteBytes = null)
{
    /// <summary>The longest a change waits for its write to begin because of pacing.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Writes shorter than this are not paced: a short state's write costs little, and its callers wait for it.</summary>
    public static readonly TimeSpan PacedFrom = TimeSpan.FromMilliseconds(1);

    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>When the next write may begin (<see cref="Stopwatch"/> ticks): the pause after a slow write.</summary>
    private long _notBefore;
    private IGrainTimer? _retry;

    /// <summary>Memory has changes that storage does not have yet.</summary>
    public bool Dirty { get; private set; }

    public void MarkDirty() => Dirty = true;

    /// <summary>Completes when a write that began after this call has completed; faults if that write failed.</summary>
    public Task Persist()
    {
        Dirty = false;
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _next.Task;
        if (!_writing)
        {
            _ = WriteLoop();
        }

        return done;
    }

    /// <summary>Writes if anything changed since the last write.</summary>
    public Task PersistIfDirty() => Dirty ? Persist() : Task.CompletedTask;

    private async Task WriteLoop()
    {
        _writing = true;
        try
        {
            // Calls already queued for this grain run first and join the write this call asked for.
            await Task.Yield();
            while (_next is not null)
            {
                while (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _notBefore) is { Ticks: > 0 } pause)
                {
                    // Paced: changes made meanwhile join this write; the grain serves calls while this waits. Checked
                    // again after the delay: timers run on a coarse clock (4 ms on Linux) and can fire that much early.
                    await Task.Delay(pause);
                }

                var batch = _next;
                _next = null;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await write();
                    batch.TrySetResult();
                    if (PauseAfter(Stopwatch.GetElapsedTime(started)) is { } after)
                    {
                        _notBefore = Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);
                    }
                }
                catch (Exception e)
                {
                    batch.TrySetException(e);
                    logger.LogWarning("State write failed ({ExceptionType}); retrying in {Delay} s", e.GetType().Name, retryDelay.TotalSeconds);
                    Dirty = true;
                    _retry ??= grain.RegisterGrainTimer(
                        _ => Retry(),
                        new GrainTimerCreationOptions(retryDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private TimeSpan? PauseAfter(TimeSpan took)
    {
        var byTime = pacing > 0 && took >= PacedFrom ? took.Ticks * pacing : 0;
        var byBytes = bytesPerSecond > 0 && lastWriteBytes is not null ? lastWriteBytes() / bytesPerSecond * TimeSpan.TicksPerSecond : 0;
        var pause = Math.Max(byTime, byBytes);
        return pause >= 1 ? TimeSpan.FromTicks(Math.Min(MaxPause.Ticks, (long)pause)) : null;
    }

    private async Task Retry()
    {
        _retry?.Dispose();
        _retry = null;
        if (Dirty)
        {
            try
            {
                await Persist();
            }
            catch (Exception)
            {
                // Logged by the write loop, which has armed the next retry.
            }
        }
    }
}
