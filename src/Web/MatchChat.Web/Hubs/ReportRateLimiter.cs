using MatchChat.Web.Edge;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Per-member token bucket for <c>Report</c> on this node (<c>MatchChat:Limits:ReportsPerMinute</c>, burst
/// <c>MatchChat:Limits:ReportBurst</c>): abuse of the abuse tools (mass reporting) is a known pattern.
/// </summary>
public sealed class ReportRateLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly TokenBucket _buckets = new(
        configuration.GetValue("MatchChat:Limits:ReportsPerMinute", 2.0) / 60.0,
        Math.Max(1, configuration.GetValue("MatchChat:Limits:ReportBurst", 10.0)),
        time);

    public bool TryAcquire(string memberId) => _buckets.TryTake(memberId);
}
