namespace MatchChat.Tests.Support;

/// <summary>A server whose per-member Block limit is small enough to reach in a test (5 an hour).</summary>
public sealed class BlockServerFixture : ServerFixture
{
    public const int BlocksPerHour = 5;

    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Limits:BlocksPerHour"] = BlocksPerHour.ToString(),
        ["MatchChat:Matching:OfferTimeoutSeconds"] = "60",
    };
}
