namespace MatchChat.Tests.Support;

/// <summary>The web node never renews on its own (once an hour); tests run a round with <c>PushBridge.RenewAsync</c>.</summary>
public sealed class ManualRenewalServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Push:RenewSeconds"] = "3600",
        ["MatchChat:Matching:ObserverExpirySeconds"] = "7200",
    };
}
