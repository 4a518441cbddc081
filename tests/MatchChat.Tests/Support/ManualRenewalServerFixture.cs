namespace MatchChat.Tests.Support;

/// <summary>
/// The web node never renews on its own (once an hour); tests run a round with <c>PushBridge.RenewAsync</c>. An open
/// conversation tells its members again at most every 2 s of sends (300 s by default), so a test can see it within one.
/// </summary>
public sealed class ManualRenewalServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Push:RenewSeconds"] = "3600",
        ["MatchChat:Matching:ObserverExpirySeconds"] = "7200",
        ["MatchChat:Matching:ConversationRetellSeconds"] = "2",
    };
}
