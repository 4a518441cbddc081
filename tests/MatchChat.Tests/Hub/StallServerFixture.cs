using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>A server whose topics count a stall in 1-second steps (15 by default), and where only the broadcast tells
/// waiting places (no per-seeker <c>QueueUpdated</c> for position or estimate changes).</summary>
public sealed class StallServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:QueueStallStepSeconds"] = "1",
        ["MatchChat:Matching:ExactPlaces"] = "0",
    };
}
