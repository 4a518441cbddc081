namespace MatchChat.Grains.Queues;

/// <summary>
/// Honest waits: the time between matches while someone was waiting, smoothed (EWMA, alpha 0.3); a seeker at
/// position p waits about p of those. Null until one match has been measured.
/// While nobody is served (every listener busy or away), the smoothed interval alone would go on promising the pace of
/// the last match ("less than a minute" for an hour): the interval used is then at least the time since the last
/// service, so the estimate grows with the stall (<see cref="Interval"/>), in steps (<c>MatchChatTimings.QueueStallStep</c>,
/// 15 s by default).
/// </summary>
public static class WaitEstimator
{
    public const double Alpha = 0.3;

    public static void RecordMatch(TopicQueueState state, DateTime now)
    {
        var since = Since(state);
        if (since is { } start)
        {
            var interval = Math.Max(0, (now - start).TotalSeconds);
            state.ServiceIntervalSeconds = state.ServiceIntervalSeconds is { } previous
                ? Alpha * interval + (1 - Alpha) * previous
                : interval;
        }

        state.LastServiceAt = now;
    }

    /// <summary>
    /// Seconds per place now: the smoothed interval, or, while someone waits and nobody has been served for longer, the
    /// time since the last service (or since the queue became busy), rounded down to whole steps. Null until one match.
    /// </summary>
    public static double? Interval(TopicQueueState state, DateTime now, bool waiting, double stepSeconds)
    {
        if (state.ServiceIntervalSeconds is not { } smoothed)
        {
            return null;
        }

        if (!waiting || Since(state) is not { } start)
        {
            return smoothed;
        }

        // Whole steps, so it changes (and is pushed) at most once a step.
        var stalled = Math.Floor(Math.Max(0, (now - start).TotalSeconds) / stepSeconds) * stepSeconds;
        return Math.Max(smoothed, stalled);
    }

    public static int? Estimate(double? interval, int position) =>
        interval is { } seconds ? (int)Math.Ceiling(seconds * position) : null;

    /// <summary>When the current wait for a service began: the last service, or the moment the queue became busy.</summary>
    private static DateTime? Since(TopicQueueState state) =>
        state.LastServiceAt is not { } last ? state.BusySince : state.BusySince is not { } busy ? last : busy > last ? busy : last;
}
