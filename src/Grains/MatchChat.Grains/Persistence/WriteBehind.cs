using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// Group commit for a reentrant grain whose memory is the truth (the topic queue): every change made while a write is
/// in flight shares the next write; a caller of <see cref="Persist"/> returns once a write that began after its change
/// has completed. A failed write is retried on a grain timer until storage answers.
/// </summary>
public sealed class WriteBehind(IGrainBase grain, Func<Task> write, TimeSpan retryDelay, ILogger logger)
{
    private TaskCompletionSource? _next;
    private bool _writing;
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
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    batch.TrySetResult();
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
