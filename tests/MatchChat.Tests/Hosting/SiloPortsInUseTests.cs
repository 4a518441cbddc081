using System.Net;
using System.Net.Sockets;
using MatchChat.Tests.Support;
using MatchChat.Web;

namespace MatchChat.Tests.Hosting;

/// <summary>
/// An embedded web node started on a machine where something already listens on its silo or gateway port refuses to
/// start and says which setting to change. .NET listens with SO_REUSEPORT on Linux, so before this a second node bound
/// the same ports silently and the kernel shared the connections between the two (an outside probe).
/// </summary>
public sealed class SiloPortsInUseTests
{
    [Theory]
    [InlineData("MatchChat:Cluster:SiloPort", "MatchChat__Cluster__SiloPort")]
    [InlineData("MatchChat:Cluster:GatewayPort", "MatchChat__Cluster__GatewayPort")]
    public async Task A_node_whose_silo_port_is_taken_does_not_start_and_names_the_setting(string key, string setting)
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        var settings = new Dictionary<string, string?>
        {
            ["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["MatchChat:Cluster:GatewayPort"] = FreePort.Next().ToString(),
        };
        settings[key] = taken.ToString();
        await using var app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], settings);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var message = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains($"Port {taken} is already in use", message);
        Assert.Contains(setting, message);
    }

    [Fact]
    public async Task A_node_whose_ports_are_free_starts()
    {
        var settings = new Dictionary<string, string?>
        {
            ["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["MatchChat:Cluster:GatewayPort"] = FreePort.Next().ToString(),
        };
        await using var app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
        await app.StopAsync();
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
