using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MatchChat.Tests.Support;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;

namespace MatchChat.Tests.Safety;

/// <summary>
/// Two web nodes on one cluster: node A with the silo inside it, node B an Orleans client of A's gateway (Client mode),
/// both with the same signing key. A member with connections on both is suspended or deletes their data: every
/// connection on both nodes closes within 5 seconds and both nodes refuse the token. The times are printed.
/// </summary>
public sealed class TwoNodeStandingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    private readonly string _adminKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication _a = null!;
    private WebApplication _b = null!;
    private Uri _urlA = null!;
    private Uri _urlB = null!;

    public async Task InitializeAsync()
    {
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var gatewayPort = FreePort.Next();
        var a = TestTopics.Settings();
        a["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString();
        a["MatchChat:Cluster:GatewayPort"] = gatewayPort.ToString();
        a["MatchChat:Auth:SigningKey"] = signingKey;
        a["MatchChat:Admin:Key"] = _adminKey;
        a["Logging:LogLevel:Default"] = "Warning";
        _a = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], a);
        await _a.StartAsync();
        _urlA = new Uri(_a.Urls.First());

        var b = TestTopics.Settings();
        b["MatchChat:Hosting:Mode"] = "Client";
        b["MatchChat:Cluster:Gateways"] = $"127.0.0.1:{gatewayPort}";
        b["MatchChat:Auth:SigningKey"] = signingKey;
        b["Logging:LogLevel:Default"] = "Warning";
        _b = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], b);
        await _b.StartAsync();
        _urlB = new Uri(_b.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _b.StopAsync();
        await _b.DisposeAsync();
        await _a.StopAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task Suspend_closes_every_connection_on_both_nodes_within_5_seconds_and_both_refuse_the_token()
    {
        await using var moderator = await NewModerator();
        await using var member = await TestMember.CreateAsync(_urlA);
        await using var onB = await TestConnection.OpenAsync(_urlB, member.Token);
        await using var onB2 = await TestConnection.OpenAsync(_urlB, member.Token);
        var closed = new[] { StandingProbe.WhenClosed(member.Conn), StandingProbe.WhenClosed(onB), StandingProbe.WhenClosed(onB2) };

        var clock = Stopwatch.StartNew();
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, reason = "Threats to another member." });
        var lastClosed = await StandingProbe.AllWithin(clock, Budget, closed);
        var refused = await RefusedOnBoth(member.Token, clock);

        Report($"Suspend -> last of 3 connections closed (nodes A and B): {lastClosed.TotalMilliseconds:F0} ms; token refused on both: {refused.TotalMilliseconds:F0} ms");
        Assert.True(lastClosed < Budget);
    }

    [Fact]
    public async Task DeleteMe_closes_every_connection_on_both_nodes_within_5_seconds_and_both_refuse_the_token()
    {
        await using var member = await TestMember.CreateAsync(_urlA);
        await using var onB = await TestConnection.OpenAsync(_urlB, member.Token);
        var closed = new[] { StandingProbe.WhenClosed(member.Conn), StandingProbe.WhenClosed(onB) };

        var clock = Stopwatch.StartNew();
        await onB.Invoke("DeleteMe");
        var answered = clock.Elapsed;
        var refused = await RefusedOnBoth(member.Token, clock);
        var lastClosed = await StandingProbe.AllWithin(clock, Budget, closed);

        Report($"DeleteMe (on node B) -> answered: {answered.TotalMilliseconds:F0} ms; token refused on A and B: {refused.TotalMilliseconds:F0} ms; " +
               $"last of 2 connections closed: {lastClosed.TotalMilliseconds:F0} ms");
        Assert.True(lastClosed < Budget);
    }

    /// <summary>Polls both nodes' negotiate until each answers 401; the time from the clock's start.</summary>
    private async Task<TimeSpan> RefusedOnBoth(string token, Stopwatch clock)
    {
        foreach (var url in new[] { _urlA, _urlB })
        {
            while (await StandingProbe.Negotiate(url, token) != HttpStatusCode.Unauthorized)
            {
                Assert.True(clock.Elapsed < Budget, $"{url} still accepts the token");
                await Task.Delay(10);
            }
        }

        return clock.Elapsed;
    }

    private async Task<TestMember> NewModerator()
    {
        var member = await TestMember.CreateAsync(_urlA);
        using var admin = new HttpClient { BaseAddress = _urlA };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).EnsureSuccessStatusCode();
        return member;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
