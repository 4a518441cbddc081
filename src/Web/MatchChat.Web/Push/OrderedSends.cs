using MatchChat.Contracts.Telemetry;

namespace MatchChat.Web.Push;

/// <summary>
/// Runs SignalR sends in arrival order per key (a member, a channel) and different keys in parallel.
/// Orleans delivers a node's observer calls one at a time; if the observer awaited each send there, one slow
/// socket or one large group would hold up every event for the whole node. The observer instead does its
/// bookkeeping at once and queues the send here.
/// </summary>
public sealed class OrderedSends(ILogger<OrderedSends> logger)
{
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Sends waiting or running, all keys (for tests and diagnostics).</summary>
    public int Pending
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Values.Sum(l => l.Pending);
            }
        }
    }

    public void Enqueue(string key, Func<Task> send)
    {
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(key, out var lane))
            {
                lane = new Lane();
                _lanes[key] = lane;
            }

            lane.Pending++;
            MatchChatMetrics.PushQueued();

            // Queued to the thread pool's global (first-in, first-out) queue, never run inline: the observer call
            // returns before any send starts, and lanes start in the order their events arrived. (Plain awaits
            // and Task.Run from a pool thread use its local queue, which runs the newest item first; under load
            // that let a later seeker's offer overtake an earlier one's by hundreds of milliseconds.)
            lane.Tail = lane.Tail.ContinueWith(
                _ => RunAsync(key, lane, send),
                CancellationToken.None,
                TaskContinuationOptions.PreferFairness | TaskContinuationOptions.DenyChildAttach,
                TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RunAsync(string key, Lane lane, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception e)
        {
            // The client catches up from GetHistory (seq gap) or on reconnect; no payload in the log.
            logger.LogWarning("Push: a send failed ({ExceptionType})", e.GetType().Name);
        }
        finally
        {
            MatchChatMetrics.PushDone();
            lock (_lanes)
            {
                if (--lane.Pending == 0)
                {
                    _lanes.Remove(key);
                }
            }
        }
    }

    private sealed class Lane
    {
        public Task Tail { get; set; } = Task.CompletedTask;

        public int Pending { get; set; }
    }
}
