namespace MatchChat.Contracts;

/// <summary>
/// When the caller of a grain call stops waiting for its answer (the hub's grain call times out, and the member is told
/// <c>unavailable: busy</c>). It rides in the call's <see cref="RequestContext"/>, so the grain's signature does not
/// change; a grain that finishes after it has passed undoes what the caller was told did not happen
/// (<c>RequestListener</c>: the request is withdrawn). No deadline (grain tests, internal calls): never passed.
/// </summary>
public static class CallDeadline
{
    private const string Key = "mc-deadline";

    /// <summary>For the grain calls made next in this async flow (call it inside an async method, so it ends with it).</summary>
    public static void Set(DateTime utc) => RequestContext.Set(Key, utc.Ticks);

    public static bool Passed(DateTime utcNow) => RequestContext.Get(Key) is long ticks && utcNow.Ticks >= ticks;

    /// <summary>How long until the caller stops waiting (at most <paramref name="cap"/>; zero when passed; the cap when
    /// the call carries no deadline).</summary>
    public static TimeSpan Left(DateTime utcNow, TimeSpan cap) =>
        RequestContext.Get(Key) is long ticks
            ? TimeSpan.FromTicks(Math.Clamp(ticks - utcNow.Ticks, 0, cap.Ticks))
            : cap;
}
