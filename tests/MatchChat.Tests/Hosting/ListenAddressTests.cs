using MatchChat.Tests.Support;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Tests.Hosting;

/// <summary>
/// Where the web node listens, as an operator sets it: ASPNETCORE_URLS (the container image sets it) must win over the
/// default. An outside probe found a "Urls" in appsettings.json overriding it, so a second server clashed on 5080 and
/// the container listened on localhost only. It changes the process's environment for a moment, so it runs alone.
/// </summary>
[Collection(nameof(ListenAddressTests))]
[CollectionDefinition(nameof(ListenAddressTests), DisableParallelization = true)]
public sealed class ListenAddressTests
{
    [Fact]
    public async Task ASPNETCORE_URLS_decides_where_the_server_listens()
    {
        var before = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        WebApplication app;
        try
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:0");
            app = MatchChatServer.Build([], new Dictionary<string, string?>
            {
                // The embedded silo off its default ports, which other test processes may hold.
                ["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString(),
                ["MatchChat:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", before);
        }

        await using var running = app;
        await app.StartAsync();

        var url = new Uri(Assert.Single(app.Urls));
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(5080, url.Port);
        using var http = new HttpClient { BaseAddress = url };
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
    }
}
