namespace MatchChat.Contracts;

/// <summary>
/// The SignalR connection a hub call came from, carried in the grain call's request context, so a push that tells the
/// member's other pages of what this one did (a request made in one tab) can leave the caller out: it has the answer.
/// Opaque to the silos and never logged.
/// </summary>
public static class CallerConnection
{
    private const string Key = "mc-conn";

    /// <summary>For the grain calls made next in this async flow (call it inside an async method, so it ends with it).</summary>
    public static void Set(string connectionId) => RequestContext.Set(Key, connectionId);

    public static string? Get() => RequestContext.Get(Key) as string;
}
