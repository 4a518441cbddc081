namespace MatchChat.Web.Push;

/// <summary><c>MatchChat:Push</c>: how often this node renews its subscriptions (keep it well under the grains' ObserverExpirySeconds).</summary>
public sealed class PushOptions
{
    public double RenewSeconds { get; set; } = 10;
}
