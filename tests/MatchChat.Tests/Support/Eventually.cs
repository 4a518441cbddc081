namespace MatchChat.Tests.Support;

/// <summary>For what one-way calls settle a moment later: look again every 50 ms until true or the time is up.</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="done"/> is true, or after <paramref name="within"/> (10 s) without failing: the caller asserts.</summary>
    public static async Task Until(Func<Task<bool>> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
