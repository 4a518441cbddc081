using MatchChat.Tests.Support;

namespace MatchChat.Tests.Edge;

/// <summary>The shipped message limit (burst 20, then 5 a second) and typing interval (2 s).</summary>
public sealed class RealLimitsServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Limits:MessagesPerSecond"] = "5",
        ["MatchChat:Limits:MessageBurst"] = "20",
        ["MatchChat:Limits:TypingIntervalSeconds"] = "2",
    };
}
