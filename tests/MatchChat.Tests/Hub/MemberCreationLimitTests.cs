using System.Net;
using System.Text;
using System.Text.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>A server that lets one address create 3 members at once, then 2 a minute.</summary>
public sealed class MemberCreationLimitFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Limits:MemberCreationsPerMinute"] = "2",
        ["MatchChat:Limits:MemberCreationBurst"] = "3",
    };
}

public sealed class MemberCreationLimitTests(MemberCreationLimitFixture server) : IClassFixture<MemberCreationLimitFixture>
{
    [Fact]
    public async Task One_address_minting_members_fast_gets_429_rate_limited_with_retry_after_and_members_it_has_keep_working()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var created = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await http.PostAsync("/api/members", Adult()));
        }

        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var refused = await http.PostAsync("/api/members", Adult());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("rate_limited: ", problem.RootElement.GetProperty("detail").GetString());
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // The limit is on minting identities only: a member made before it connects and talks as usual.
        using var body = JsonDocument.Parse(await created[0].Content.ReadAsStringAsync());
        await using var connection = await TestConnection.OpenAsync(server.BaseUrl, body.RootElement.GetProperty("token").GetString()!);
        var me = await connection.Invoke<Contracts.Members.Member>("GetMe");
        Assert.Equal(body.RootElement.GetProperty("handle").GetString(), me.Handle);
    }

    private static StringContent Adult() => new("{\"ageGroup\":\"adult\"}", Encoding.UTF8, "application/json");
}
