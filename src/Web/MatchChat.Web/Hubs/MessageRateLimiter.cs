using System.Threading.RateLimiting;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Per-member token bucket for SendMessage on this node (<c>MatchChat:Limits:MessagesPerSecond</c>, burst
/// <c>MatchChat:Limits:MessageBurst</c>). Protects listeners and rooms from floods; benchmarks raise it.
/// </summary>
public sealed class MessageRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public MessageRateLimiter(IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("MatchChat:Limits:MessagesPerSecond", 5);
        var burst = configuration.GetValue("MatchChat:Limits:MessageBurst", 20);
        _limiter = PartitionedRateLimiter.Create<string, string>(memberId => RateLimitPartition.GetTokenBucketLimiter(memberId, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(string memberId)
    {
        using var lease = _limiter.AttemptAcquire(memberId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
