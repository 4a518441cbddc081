using MatchChat.Web.Edge;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Per-member token bucket for SendMessage on this node (<c>MatchChat:Limits:MessagesPerSecond</c>, burst
/// <c>MatchChat:Limits:MessageBurst</c>). Protects listeners and rooms from floods; benchmarks raise it.
/// </summary>
public sealed class MessageRateLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly TokenBucket _buckets = new(
        configuration.GetValue("MatchChat:Limits:MessagesPerSecond", 5.0),
        Math.Max(1, configuration.GetValue("MatchChat:Limits:MessageBurst", 20.0)),
        time);

    public bool TryAcquire(string memberId) => _buckets.TryTake(memberId);
}
