namespace MatchChat.Grains.Queues;

/// <summary>
/// Honest waits: the time between matches while someone was waiting, smoothed (EWMA, alpha 0.3); a seeker at
/// position p waits about p of those. Null until one match has been measured.
/// </summary>
public static class WaitEstimator
{
    public const double Alpha = 0.3;

    public static void RecordMatch(TopicQueueState state, DateTime now)
    {
        var since = Max(state.LastServiceAt, state.BusySince);
        if (since is { } start)
        {
            var interval = Math.Max(0, (now - start).TotalSeconds);
            state.ServiceIntervalSeconds = state.ServiceIntervalSeconds is { } previous
                ? Alpha * interval + (1 - Alpha) * previous
                : interval;
        }

        state.LastServiceAt = now;
    }

    public static int? Estimate(TopicQueueState state, int position) =>
        state.ServiceIntervalSeconds is { } interval ? (int)Math.Ceiling(interval * position) : null;

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
