using System.Net;
using MatchChat.Contracts.Telemetry;
using MatchChat.Web.Edge;

namespace MatchChat.Web.Api;

/// <summary>
/// Token bucket per client address (<see cref="TokenBucket"/>: time spent full is never credited, so a quiet spell
/// cannot double the next burst) for <c>POST /api/members</c> on this node
/// (<c>MatchChat:Limits:MemberCreationsPerMinute</c>, burst <c>MatchChat:Limits:MemberCreationBurst</c>; 0 turns it off).
/// Anyone may become a member without an account, so this is what stops one script from minting handles by the
/// million. Counted per <see cref="ClientAddress"/>: behind a reverse proxy that is the proxy's address unless the
/// proxy is listed in <c>MatchChat:Web:KnownProxies</c> or <c>KnownNetworks</c>.
/// </summary>
public sealed class MemberCreationLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly TokenBucket _buckets = new(
        configuration.GetValue("MatchChat:Limits:MemberCreationsPerMinute", 30) / 60.0,
        Math.Max(1, configuration.GetValue("MatchChat:Limits:MemberCreationBurst", 30)),
        time);

    private readonly double _perMinute = configuration.GetValue("MatchChat:Limits:MemberCreationsPerMinute", 30);

    /// <summary>True when this client may create a member now; otherwise how long to wait (about one token's time).</summary>
    public bool TryAcquire(IPAddress? client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_buckets.TryTake(ClientAddress.Partition(client)))
        {
            return true;
        }

        MatchChatMetrics.RateLimited(MatchChatMetrics.MemberCreationLimit);
        retryAfter = TimeSpan.FromSeconds(Math.Ceiling(60 / Math.Max(1, _perMinute)));
        return false;
    }
}
