namespace MatchChat.Bench.Scenarios;

/// <summary>One RequestListener of S8, timed at the driver (Stopwatch ticks; 0 = not yet).</summary>
public sealed class S8Request
{
    public long Sent;
    public long Acked;
    public long Matched;
    public string? RequestId;
    public bool Failed;

    /// <summary>Set once when the seeker goes back to the idle pool (conversation ended, or the request failed).</summary>
    public int Released;
}
