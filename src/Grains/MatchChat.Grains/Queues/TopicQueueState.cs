namespace MatchChat.Grains.Queues;

/// <summary>
/// Waiting requests in arrival order and the smoothed service interval. Bounded by the number of open
/// requests for the topic (one per member). The listener roster is not stored: member grains re-send it.
/// </summary>
[GenerateSerializer, Alias("MatchChat.TopicQueueState")]
public sealed class TopicQueueState
{
    [Id(0)] public List<QueuedRequest> Requests { get; set; } = [];

    /// <summary>Exponentially smoothed seconds between two matches while the queue was not empty; null until measured.</summary>
    [Id(1)] public double? ServiceIntervalSeconds { get; set; }
    [Id(2)] public DateTime? LastServiceAt { get; set; }
    [Id(3)] public DateTime? BusySince { get; set; }

    /// <summary>Requests of each priority that have left the queue (matched, cancelled, expired), for <c>QueueProgress</c>.</summary>
    [Id(4)] public long ServedUrgent { get; set; }
    [Id(5)] public long ServedNormal { get; set; }

    /// <summary>
    /// The pages that hold the waiting requests (<see cref="QueuePage"/>, TopicQueueGrain.Pages.cs); null: the state is
    /// one row and <see cref="Requests"/> holds them all (every build before stop 26, or <c>QueuePages</c> off).
    /// </summary>
    [Id(6)] public List<long>? Pages { get; set; }

    /// <summary>The next request's arrival number (its page is arrival / page size).</summary>
    [Id(7)] public long NextArrival { get; set; }

    /// <summary>
    /// The waiting requests packed (<see cref="PackedRequests"/>; <c>PackedQueue</c> on, the default), in queue order,
    /// stored as the byte array stop 44 wrote here; null: <see cref="Requests"/> holds them (every build before stop 44,
    /// or <c>PackedQueue</c> off). A stored row has one or the other; in memory the queue always holds them in
    /// <see cref="Requests"/>.
    /// </summary>
    [Id(8)] public PackedRequests? Packed { get; set; }
}

/// <summary>The waiting requests of one page of a topic queue, in queue order: one grain-state row of its own.</summary>
[GenerateSerializer, Alias("MatchChat.QueuePage")]
public sealed class QueuePage
{
    [Id(0)] public List<QueuedRequest> Requests { get; set; } = [];

    /// <summary>
    /// The page's requests packed (<see cref="PackedRequests"/>; <c>PackedQueue</c> on, the default), in queue order;
    /// null: <see cref="Requests"/> holds them (every build before stop 45, or <c>PackedQueue</c> off).
    /// </summary>
    [Id(1)] public PackedRequests? Packed { get; set; }
}
