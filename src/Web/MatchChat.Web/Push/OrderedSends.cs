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
                lane = new Lane(this, key);
                _lanes[key] = lane;
            }

            lane.Pending++;
            lane.Waiting.Enqueue(send);
            MatchChatMetrics.PushQueued();

            // A lane that is not running goes to the thread pool's global (first-in, first-out) queue, never runs
            // inline: the observer call returns before any send starts, and lanes start in the order their events
            // arrived. (Plain awaits and Task.Run from a pool thread use its local queue, which runs the newest item
            // first; under load that let a later seeker's offer overtake an earlier one's by hundreds of
            // milliseconds.) A running lane takes the send when it finishes the one before: no task, continuation or
            // closure per send.
            if (!lane.Running)
            {
                lane.Running = true;
                ThreadPool.UnsafeQueueUserWorkItem(lane, preferLocal: false);
            }
        }
    }

    /// <summary>Runs the lane's sends one after another until none is waiting; then the lane is gone.</summary>
    private async Task RunAsync(Lane lane)
    {
        while (true)
        {
            Func<Task>? send;
            lock (_lanes)
            {
                if (!lane.Waiting.TryDequeue(out send))
                {
                    lane.Running = false;
                    _lanes.Remove(lane.Key);
                    return;
                }
            }

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
                    lane.Pending--;
                }
            }
        }
    }

    /// <summary>One key's sends, in order; it is its own thread-pool work item.</summary>
    private sealed class Lane(OrderedSends owner, string key) : IThreadPoolWorkItem
    {
        public string Key { get; } = key;

        public Queue<Func<Task>> Waiting { get; } = new();

        /// <summary>Sends waiting or running.</summary>
        public int Pending { get; set; }

        /// <summary>Queued to the pool or running its sends; set and read under the owner's lock.</summary>
        public bool Running { get; set; }

        public void Execute() => _ = owner.RunAsync(this);
    }
}
