namespace MatchChat.Tests.Support;

/// <summary>Offers expire after 1.5 s, the listener grace period is 1.5 s and the seeker one 3 s, push renewal every 0.5 s.</summary>
public sealed class FastTimeoutsServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:OfferTimeoutSeconds"] = "1.5",
        ["MatchChat:Matching:ListenerGraceSeconds"] = "1.5",
        ["MatchChat:Matching:SeekerGraceSeconds"] = "3",
        ["MatchChat:Matching:ObserverExpirySeconds"] = "3",
        ["MatchChat:Push:RenewSeconds"] = "0.5",
    };
}
