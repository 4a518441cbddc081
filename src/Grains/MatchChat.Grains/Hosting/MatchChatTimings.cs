namespace MatchChat.Grains.Hosting;

/// <summary>
/// Every timeout of the matching and presence rules, bound from <c>MatchChat:Matching</c> (seconds; fractions
/// allowed so tests can shorten them).
/// </summary>
public sealed class MatchChatTimings
{
    public double OfferTimeoutSeconds { get; set; } = 30;
    public double ListenerGraceSeconds { get; set; } = 60;
    public double SeekerGraceSeconds { get; set; } = 120;

    /// <summary>
    /// A topic queue with waiting requests wakes their seekers' member grains this often (a one-way call each, to an
    /// activation that is nearly always there), and at its own activation. That is what lets a waiting seeker's grace
    /// period end after any silo's loss, so a seeker needs no presence reminder of their own: a request never costs the
    /// reminder table a row (in S4 on PostgreSQL a third of the burst's writes, docs/benchmarks.md, stop 22).
    /// </summary>
    public double QueueWakeSeconds { get; set; } = 60;

    /// <summary>How long a grain keeps a web node's push subscription without renewal.</summary>
    public double ObserverExpirySeconds { get; set; } = 45;

    /// <summary>Debounce for queue position/estimate pushes, so a burst costs one update per seeker, not one per change.</summary>
    public double QueueUpdateDelaySeconds { get; set; } = 0.1;

    /// <summary>How often at most a topic broadcasts its served counts (<c>QueueProgress</c>) to its waiting seekers' nodes.</summary>
    public double QueueProgressDelaySeconds { get; set; } = 1;

    /// <summary>
    /// While nobody is served, a topic's time per place is at least the time since its last service, counted in steps of
    /// this many seconds; the queue checks it as often and re-sends estimates that grew (<c>WaitEstimator.Interval</c>).
    /// </summary>
    public double QueueStallStepSeconds { get; set; } = 15;

    /// <summary>
    /// The first this many waiting places of a topic are also sent <c>QueueUpdated</c> whenever their position or
    /// estimate changes (the contract's original rule), so a short queue behaves exactly as before; the places behind
    /// them learn from <c>QueueProgress</c>. Bounds the pushes of one flush whatever the queue's length.
    /// </summary>
    public int ExactPlaces { get; set; } = 20;

    /// <summary>
    /// How long a topic queue waits for the report of a start it handed to a listener's member grain before it
    /// settles that start itself (a lost report, a silo that died mid-start). Longer than two grain calls' timeouts.
    /// </summary>
    public double StartReportTimeoutSeconds { get; set; } = 30;

    public int ConsecutiveExpiriesBeforeUnavailable { get; set; } = 2;

    /// <summary>
    /// A topic queue's state write costs in proportion to its waiting requests, and takes its turn. After a write that
    /// took d while changes keep coming, the next begins no sooner than this × d later (at most a quarter of a second),
    /// so writing takes at most 1 / (1 + this) of the queue's time; 0 writes back to back (group commit only).
    /// </summary>
    public double QueueWritePacing { get; set; } = 3;

    /// <summary>
    /// If set, a topic queue's writes store at most about this many bytes a second while changes keep coming: after a
    /// write of b bytes the next begins no sooner than b / this later (at most a quarter of a second). 0 (the default):
    /// paced by time only. In S4 in memory 16 MB/s cut allocation per request by a fifth but slowed the acknowledgements
    /// and the rate with them (docs/benchmarks.md, stop 44).
    /// </summary>
    public double QueueWriteBytesPerSecond { get; set; }

    /// <summary>
    /// A topic queue keeps its waiting requests in pages of <see cref="QueuePageSize"/> by arrival, each its own
    /// grain-state row, and a write stores only the pages that changed (TopicQueueGrain.Pages.cs), packed with
    /// <see cref="PackedQueue"/>. False: the whole queue in one row (what a build older than stop 26 reads). On by default
    /// since stop 45: with pages packed, S4 in memory ran 12 % faster and allocated 28 % less per request than the whole
    /// packed row, and the same on PostgreSQL within the spread (docs/benchmarks.md, stop 45; in stop 26, with pages
    /// deep-copied, it had not been faster). Every build from stop 26 on reads both layouts, so it can be turned on and
    /// off at any time.
    /// </summary>
    public bool QueuePages { get; set; } = true;

    public int QueuePageSize { get; set; } = 256;

    /// <summary>
    /// A topic queue keeps each waiting request's serialized bytes from the last write and stores its row (stop 44) or
    /// its changed pages (stop 45) as those bytes, one after another (<see cref="Queues.PackedRequests"/>): a write
    /// serializes only the requests that changed since, where before it copied and serialized every one it stored.
    /// False: rows and pages as lists, what builds before those stops read (turn it off before rolling back past stop 45,
    /// or while older silos of a cluster still run). Every build reads what it and older builds write.
    /// </summary>
    public bool PackedQueue { get; set; } = true;

    /// <summary>
    /// An open conversation tells both members' grains again that it is open (the idempotent start notice) at the first
    /// send of each activation and then at most this often while sends go on. That is what repairs a member grain that
    /// lost the conversation's record while its member had no page open (a best-effort write that failed before the
    /// grain was reloaded): nothing else indexes conversations by member, so their next page would not list it. A grain
    /// that has the record answers at once and changes nothing (one whose member is suspended or deleted ends the
    /// conversation, as it does any start). Read as 1 s to a day (anything else: 300).
    /// </summary>
    public double ConversationRetellSeconds { get; set; } = 300;

    /// <summary>A room member not present for this long is no longer a member (bounds every room's membership).</summary>
    public double RoomMembershipDays { get; set; } = 30;

    public TimeSpan OfferTimeout => TimeSpan.FromSeconds(OfferTimeoutSeconds);
    public TimeSpan ListenerGrace => TimeSpan.FromSeconds(ListenerGraceSeconds);
    public TimeSpan SeekerGrace => TimeSpan.FromSeconds(SeekerGraceSeconds);
    public TimeSpan QueueWake => TimeSpan.FromSeconds(QueueWakeSeconds);
    public TimeSpan ObserverExpiry => TimeSpan.FromSeconds(ObserverExpirySeconds);
    public TimeSpan StartReportTimeout => TimeSpan.FromSeconds(StartReportTimeoutSeconds);
    public TimeSpan QueueUpdateDelay => TimeSpan.FromSeconds(QueueUpdateDelaySeconds);
    public TimeSpan QueueProgressDelay => TimeSpan.FromSeconds(QueueProgressDelaySeconds);

    public TimeSpan QueueStallStep => TimeSpan.FromSeconds(QueueStallStepSeconds);
    public TimeSpan RoomMembership => TimeSpan.FromDays(RoomMembershipDays);
    public TimeSpan ConversationRetell => TimeSpan.FromSeconds(ConversationRetellSeconds is >= 1 and <= 86_400 ? ConversationRetellSeconds : 300);
}
