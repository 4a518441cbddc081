using MatchChat.Web.Edge;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Per-member token bucket for <c>Block</c> on this node (<c>MatchChat:Limits:BlocksPerHour</c>, also the burst):
/// abuse tools get abused too, and each block ends conversations and touches the member's queues. <c>0</c> turns it off.
/// </summary>
public sealed class BlockRateLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly TokenBucket _buckets = new(
        configuration.GetValue("MatchChat:Limits:BlocksPerHour", 30.0) / 3600,
        Math.Max(1, configuration.GetValue("MatchChat:Limits:BlocksPerHour", 30.0)),
        time);

    public bool TryAcquire(string memberId) => _buckets.TryTake(memberId);
}
