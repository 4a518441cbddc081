using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;

namespace MatchChat.Tests.Edge;

public sealed class OriginTests(EdgeServerFixture server) : IClassFixture<EdgeServerFixture>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1.evil.example")]
    public async Task A_negotiate_a_websocket_upgrade_and_a_member_creation_from_a_foreign_origin_answer_403(string origin)
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        var negotiate = await Negotiate(member.Token, origin);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        using (var problem = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()))
        {
            Assert.StartsWith("forbidden: ", problem.RootElement.GetProperty("detail").GetString());
        }

        using var probe = new ClientWebSocket();
        probe.Options.CollectHttpResponseDetails = true;
        probe.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(new Uri(server.BaseUrl, "/hubs/chat")) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(member.Token) }.Uri;
        await Assert.ThrowsAnyAsync<WebSocketException>(() => probe.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, probe.HttpStatusCode);

        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/members") { Content = JsonContent() };
        create.Headers.Add("Origin", origin);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(create)).StatusCode);
    }

    [Fact]
    public async Task The_nodes_own_origin_listed_origins_and_requests_without_origin_are_served()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        var own = $"{server.BaseUrl.Scheme}://{server.BaseUrl.Authority}";
        foreach (var origin in new string?[] { null, own, "https://app.example", "HTTPS://APP.EXAMPLE", "https://other.example:8443" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Negotiate(member.Token, origin)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Negotiate(member.Token, "https://other.example")).StatusCode);
        using var socket = await EdgeClient.RawSocket(server.BaseUrl, member.Token, own);
        Assert.Equal("{}\u001e", await EdgeClient.Handshake(socket));
    }

    private async Task<HttpResponseMessage> Negotiate(string token, string? origin)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    private static StringContent JsonContent() => new("{\"ageGroup\":\"adult\"}", System.Text.Encoding.UTF8, "application/json");
}
