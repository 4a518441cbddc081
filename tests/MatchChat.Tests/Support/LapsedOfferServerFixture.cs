namespace MatchChat.Tests.Support;

/// <summary>Offers expire after 4 s: short enough to watch one lapse, long enough that a loaded machine still answers
/// the next offer in time.</summary>
public sealed class LapsedOfferServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:OfferTimeoutSeconds"] = "4",
    };
}
