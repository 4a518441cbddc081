using System.Net;
using System.Text.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hosting;

/// <summary>Every REST error body says <c>code: sentence</c>, also where no endpoint answered (an outside probe: 404 and 405
/// under /api came with a title only).</summary>
public sealed class RestErrorBodyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("GET", "/api/members", HttpStatusCode.MethodNotAllowed, "invalid: ")]
    [InlineData("GET", "/api/members/me/standing", HttpStatusCode.MethodNotAllowed, "invalid: ")]
    [InlineData("GET", "/api/nope", HttpStatusCode.NotFound, "not_found: ")]
    [InlineData("DELETE", "/api/topics", HttpStatusCode.MethodNotAllowed, "invalid: ")]
    [InlineData("POST", "/healthz", HttpStatusCode.MethodNotAllowed, "invalid: ")]
    [InlineData("DELETE", "/metrics", HttpStatusCode.MethodNotAllowed, "invalid: ")]
    public async Task An_address_or_method_nothing_answers_gets_a_coded_sentence(string method, string path, HttpStatusCode status, string code)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(code, body.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>The read-only addresses answer HEAD as GET (without a body): a monitor's probe.</summary>
    [Theory]
    [InlineData("/api/topics")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task Read_only_addresses_answer_HEAD(string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
