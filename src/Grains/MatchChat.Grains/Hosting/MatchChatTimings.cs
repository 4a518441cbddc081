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
    /// A connected seeker's member grain registers its presence reminder (which wakes it after a restart so the grace
    /// period can run) only once their request has waited this long; a request matched sooner never costs the reminder
    /// table a row. A disconnected seeker's is registered at once; after a restart each topic queue wakes the member
    /// grains of the requests it holds, which covers the requests younger than this. 0 (the default) registers it with
    /// the request: in S4 a 10 s delay saved the reminder calls of matched seekers but moved the 6,000 unmatched ones'
    /// registrations into the tail of the burst, where each waited on the one reminder service inside its seeker's
    /// turn, and p99 request→Matched rose by half (docs/benchmarks.md, stop 21).
    /// </summary>
    public double SeekerReminderDelaySeconds { get; set; }

    /// <summary>How long a grain keeps a web node's push subscription without renewal.</summary>
    public double ObserverExpirySeconds { get; set; } = 45;

    /// <summary>Debounce for queue position/estimate pushes, so a burst costs one update per seeker, not one per change.</summary>
    public double QueueUpdateDelaySeconds { get; set; } = 0.1;

    /// <summary>How often at most a topic broadcasts its served counts (<c>QueueProgress</c>) to its waiting seekers' nodes.</summary>
    public double QueueProgressDelaySeconds { get; set; } = 1;

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

    /// <summary>A room member not present for this long is no longer a member (bounds every room's membership).</summary>
    public double RoomMembershipDays { get; set; } = 30;

    public TimeSpan OfferTimeout => TimeSpan.FromSeconds(OfferTimeoutSeconds);
    public TimeSpan ListenerGrace => TimeSpan.FromSeconds(ListenerGraceSeconds);
    public TimeSpan SeekerGrace => TimeSpan.FromSeconds(SeekerGraceSeconds);
    public TimeSpan SeekerReminderDelay => TimeSpan.FromSeconds(SeekerReminderDelaySeconds);
    public TimeSpan ObserverExpiry => TimeSpan.FromSeconds(ObserverExpirySeconds);
    public TimeSpan StartReportTimeout => TimeSpan.FromSeconds(StartReportTimeoutSeconds);
    public TimeSpan QueueUpdateDelay => TimeSpan.FromSeconds(QueueUpdateDelaySeconds);
    public TimeSpan QueueProgressDelay => TimeSpan.FromSeconds(QueueProgressDelaySeconds);
    public TimeSpan RoomMembership => TimeSpan.FromDays(RoomMembershipDays);
}
