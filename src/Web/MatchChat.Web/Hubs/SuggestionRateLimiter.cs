using MatchChat.Web.Edge;

namespace MatchChat.Web.Hubs;

/// <summary>
/// [network] Per-member token bucket for <c>SuggestExperiences</c> on this node (<c>MatchChat:Limits:SuggestionsPerMinute</c>,
/// burst <c>SuggestionBurst</c>): each call runs the model once. <c>0</c> turns it off.
/// </summary>
public sealed class SuggestionRateLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly double _perMinute = configuration.GetValue("MatchChat:Limits:SuggestionsPerMinute", 30.0);

    private readonly TokenBucket _buckets = new(
        configuration.GetValue("MatchChat:Limits:SuggestionsPerMinute", 30.0) / 60,
        Math.Max(1, configuration.GetValue("MatchChat:Limits:SuggestionBurst", 10.0)),
        time);

    public bool TryAcquire(string memberId) => _perMinute <= 0 || _buckets.TryTake(memberId);
}
