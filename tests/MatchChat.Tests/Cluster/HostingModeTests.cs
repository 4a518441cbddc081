using MatchChat.Web;

namespace MatchChat.Tests.Cluster;

public sealed class HostingModeTests
{
    [Fact]
    public void Client_mode_refuses_to_start_without_a_signing_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MatchChatServer.Build([], new Dictionary<string, string?>
        {
            ["MatchChat:Hosting:Mode"] = "Client",
        }));
        Assert.Contains("MatchChat__Auth__SigningKey", e.Message);
    }

    [Fact]
    public void An_unknown_hosting_mode_is_refused_with_the_allowed_values()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MatchChatServer.Build([], new Dictionary<string, string?>
        {
            ["MatchChat:Hosting:Mode"] = "Cloud",
        }));
        Assert.Contains("Embedded or Client", e.Message);
    }
}
