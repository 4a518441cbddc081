namespace MatchChat.Contracts;

/// <summary>
/// A grain call whose answer is worth waiting for only a moment (a peer's presence for a list, a check before a resend):
/// past the bound, or on a failure, the caller goes on without it. The call may still fail later; that failure is
/// observed here, so it is not reported as an unobserved task exception.
/// </summary>
public static class BoundedCall
{
    /// <summary>The answer, or <c>default</c> when the call failed or did not answer within <paramref name="bound"/>.</summary>
    public static async Task<T?> OrDefault<T>(Task<T> call, TimeSpan bound)
    {
        try
        {
            return await call.WaitAsync(bound);
        }
        catch (Exception)
        {
            Observe(call);
            return default;
        }
    }

    /// <summary>Waits at most <paramref name="bound"/>; true when the call completed in time without failing.</summary>
    public static async Task<bool> Within(Task call, TimeSpan bound)
    {
        try
        {
            await call.WaitAsync(bound);
            return true;
        }
        catch (Exception)
        {
            Observe(call);
            return false;
        }
    }

    private static void Observe(Task call) =>
        _ = call.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
