using System.Net;
using System.Security.Cryptography;
using MatchChat.Tests.Support;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Tests.Dashboard;

/// <summary>/dashboard over plain HTTP: absent without an admin key, shut without a session, open with one.</summary>
public sealed class DashboardAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("GET", "/dashboard")]
    [InlineData("GET", "/dashboard/")]
    [InlineData("GET", "/dashboard/index.html")]
    [InlineData("GET", "/dashboard/signin")]
    [InlineData("POST", "/dashboard/signin")]
    [InlineData("GET", "/dashboard/DashboardCounters")]
    [InlineData("GET", "/dashboard/GrainTypes")]
    public async Task Without_an_admin_key_the_dashboard_and_its_sign_in_are_not_there(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("key", Convert.ToBase64String(new byte[32]))]);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Grain", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_key_the_sign_in_sets_a_strict_http_only_cookie_that_opens_the_dashboard_api()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["MatchChat:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["MatchChat:Admin:Key"] = key,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.Urls.First()) };

        using (var page = await http.GetAsync("/dashboard"))
        {
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            Assert.Equal("/dashboard/signin", page.Headers.Location?.OriginalString);
        }

        using (var api = await http.GetAsync("/dashboard/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.DoesNotContain("Grain", await api.Content.ReadAsStringAsync());
        }

        using (var wrong = await http.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("key", Convert.ToBase64String(new byte[32]))])))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.False(wrong.Headers.Contains("Set-Cookie"));
        }

        using var right = await http.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("key", key)]));
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal("/dashboard/", right.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("matchchat-dashboard=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key.TrimEnd('='), setCookie);

        using var counters = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
        counters.Headers.Add("Cookie", setCookie.Split(';')[0]);
        using var answer = await http.SendAsync(counters);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("simpleGrainStats", await answer.Content.ReadAsStringAsync());

        using var trace = new HttpRequestMessage(HttpMethod.Get, "/dashboard/Trace");
        trace.Headers.Add("Cookie", setCookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(trace)).StatusCode);
        await app.StopAsync();
    }
}
