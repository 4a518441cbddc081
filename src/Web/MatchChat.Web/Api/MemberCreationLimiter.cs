using System.Net;
using System.Threading.RateLimiting;
using MatchChat.Contracts.Telemetry;
using MatchChat.Web.Edge;

namespace MatchChat.Web.Api;

/// <summary>
/// Token bucket per client address for <c>POST /api/members</c> on this node
/// (<c>MatchChat:Limits:MemberCreationsPerMinute</c>, burst <c>MatchChat:Limits:MemberCreationBurst</c>; 0 turns it off).
/// Anyone may become a member without an account, so this is what stops one script from minting handles by the
/// million. Counted per <see cref="ClientAddress"/>: behind a reverse proxy that is the proxy's address unless the
/// proxy is listed in <c>MatchChat:Web:KnownProxies</c> or <c>KnownNetworks</c>.
/// </summary>
public sealed class MemberCreationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public MemberCreationLimiter(IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("MatchChat:Limits:MemberCreationsPerMinute", 30);
        var burst = configuration.GetValue("MatchChat:Limits:MemberCreationBurst", 30);
        if (perMinute <= 0)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, burst),
                TokensPerPeriod = perMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>True when this client may create a member now; otherwise how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(ClientAddress.Partition(client));
        if (lease.IsAcquired)
        {
            return true;
        }

        MatchChatMetrics.RateLimited(MatchChatMetrics.MemberCreationLimit);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
