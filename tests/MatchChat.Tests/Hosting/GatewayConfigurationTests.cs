using System.Net;
using System.Security.Cryptography;
using MatchChat.Web;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime;

namespace MatchChat.Tests.Hosting;

/// <summary><c>MatchChat__Cluster__Gateways</c> of a web node in Client mode, as the node built from it applies it (built, not started).</summary>
public sealed class GatewayConfigurationTests
{
    private static Dictionary<string, string?> ClientMode(string gateways) => new()
    {
        ["MatchChat:Hosting:Mode"] = "Client",
        ["MatchChat:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["MatchChat:Cluster:Gateways"] = gateways,
    };

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo1:")]
    [InlineData(":30000")]
    [InlineData("silo1:0")]
    [InlineData("silo1:65536")]
    [InlineData("silo1:thirty")]
    [InlineData("silo1:30000,silo2")]
    [InlineData("::1:30000")]
    [InlineData("silo one:30000")]
    public void A_gateway_that_is_not_host_and_port_stops_the_node_with_a_message_naming_the_setting(string gateways)
    {
        var e = Assert.Throws<InvalidOperationException>(() => MatchChatServer.Build([], ClientMode(gateways)));

        Assert.Contains("MatchChat__Cluster__Gateways", e.Message);
        Assert.Contains("host:port", e.Message);
    }

    [Fact]
    public async Task Gateways_given_by_host_name_or_address_are_resolved_to_their_addresses()
    {
        await using var app = MatchChatServer.Build([], ClientMode("localhost:30000, 127.0.0.1:30001, [::1]:30002, silo_1.example.invalid:30003"));
        var provider = app.Services.GetRequiredService<IGatewayListProvider>();
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        // A name that does not resolve (yet) is left out; the node asks again at every gateway refresh.
        Assert.Equal(
            [new IPEndPoint(IPAddress.Loopback, 30000), new IPEndPoint(IPAddress.Loopback, 30001), new IPEndPoint(IPAddress.IPv6Loopback, 30002)],
            gateways.Select(uri => uri.ToGatewayAddress()!.Endpoint));
    }
}
