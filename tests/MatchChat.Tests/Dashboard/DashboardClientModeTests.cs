using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MatchChat.Tests.Support;
using MatchChat.Web;

namespace MatchChat.Tests.Dashboard;

/// <summary>
/// A web node in Client mode shows the dashboard of a silo in another process: the silo hosts the dashboard's grains
/// (on by default, <c>MatchChat__Dashboard__Enabled</c>), the node only reads them.
/// </summary>
public sealed class DashboardClientModeTests
{
    [Fact]
    public async Task A_client_mode_web_node_shows_the_member_grains_of_a_silo_process()
    {
        var gatewayPort = FreePort.Next();
        await using var silo = ChildProcess.StartDotnet(RepoPaths.SiloDll, new Dictionary<string, string>
        {
            ["MatchChat__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["MatchChat__Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Information",
        });
        await silo.WaitForOutput("Silo started", TimeSpan.FromSeconds(60));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var web = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["MatchChat:Hosting:Mode"] = "Client",
            ["MatchChat:Cluster:Gateways"] = $"127.0.0.1:{gatewayPort}",
            ["MatchChat:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["MatchChat:Admin:Key"] = key,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await web.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(web.Urls.First()) };
        using (var created = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await http.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("key", key)]))).StatusCode);

        // The silo reports its counters to the dashboard grain about once a second.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        int members;
        do
        {
            await Task.Delay(500);
            using var counters = await http.GetAsync("/dashboard/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
            members = json.RootElement.GetProperty("simpleGrainStats").EnumerateArray()
                .Where(s => s.GetProperty("grainType").GetString()!.EndsWith(".MemberGrain", StringComparison.Ordinal))
                .Sum(s => s.GetProperty("activationCount").GetInt32());
        }
        while (members == 0 && DateTime.UtcNow < deadline);

        Assert.True(members >= 1, "no MemberGrain activation on the dashboard. Silo output:\n" + silo.Output);
        await web.StopAsync();
    }
}
