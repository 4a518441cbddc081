using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>A server where no waiting place gets the exact per-seeker <c>QueueUpdated</c>: only the broadcast tells places.</summary>
public sealed class ProgressOnlyServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:ExactPlaces"] = "0",
    };
}
