namespace MatchChat.Browser.Tests;

/// <summary>[network] A server and Chromium of their own: the check-in journey waits a real minute, and no other test's listener is on its topic.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkBrowserCollection : ICollectionFixture<MatchChatFixture>
{
    public const string Name = "MatchChat in Chromium: your people";
}
