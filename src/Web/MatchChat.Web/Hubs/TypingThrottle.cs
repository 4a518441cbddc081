using MatchChat.Web.Edge;

namespace MatchChat.Web.Hubs;

/// <summary>
/// <c>Typing</c> is a hint, so a member's calls for one channel are coalesced on this node: at most one reaches the
/// channel (and the peer as <c>PeerTyping</c>) per <c>MatchChat:Limits:TypingIntervalSeconds</c> (default 2; 0 turns
/// it off); the calls in between answer at once and do nothing. The page sends one every 3 s while typing.
/// </summary>
public sealed class TypingThrottle(IConfiguration configuration, TimeProvider time)
{
    private readonly TokenBucket _buckets = CreateBuckets(configuration.GetValue("MatchChat:Limits:TypingIntervalSeconds", 2.0), time);

    public bool ShouldForward(string memberId, string channel) => _buckets.TryTake(memberId + "\n" + channel);

    private static TokenBucket CreateBuckets(double intervalSeconds, TimeProvider time) =>
        new(intervalSeconds > 0 ? 1 / intervalSeconds : 0, 1, time);
}
