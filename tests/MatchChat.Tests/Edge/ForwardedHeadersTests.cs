using System.Net;
using System.Text;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Edge;

/// <summary>Two members per client address, then one a minute; <see cref="Proxies"/> is whom X-Forwarded-For is believed from.</summary>
public abstract class ProxyServerFixture : ServerFixture
{
    protected abstract string Proxies { get; }

    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Limits:MemberCreationsPerMinute"] = "1",
        ["MatchChat:Limits:MemberCreationBurst"] = "2",
        ["MatchChat:Web:KnownProxies"] = Proxies,
        ["MatchChat:Web:KnownNetworks"] = "10.0.0.0/8",
    };
}

/// <summary>The tests connect from 127.0.0.1, which is listed.</summary>
public sealed class ListedProxyFixture : ProxyServerFixture
{
    protected override string Proxies => "192.0.2.1, 127.0.0.1";
}

/// <summary>The tests connect from 127.0.0.1, which is not listed.</summary>
public sealed class UnlistedProxyFixture : ProxyServerFixture
{
    protected override string Proxies => "192.0.2.1";
}

public sealed class ListedProxyTests(ListedProxyFixture server) : IClassFixture<ListedProxyFixture>
{
    [Fact]
    public async Task X_forwarded_for_from_a_listed_proxy_is_the_address_per_address_limits_count()
    {
        Assert.Equal(HttpStatusCode.Created, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.6"));
    }
}

public sealed class UnlistedProxyTests(UnlistedProxyFixture server) : IClassFixture<UnlistedProxyFixture>
{
    [Fact]
    public async Task X_forwarded_for_from_an_address_that_is_not_a_listed_proxy_is_ignored()
    {
        Assert.Equal(HttpStatusCode.Created, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.6"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedHeaders.Create(server.BaseUrl, "203.0.113.7"));
    }
}

internal static class ForwardedHeaders
{
    public static async Task<HttpStatusCode> Create(Uri baseUrl, string forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members")
        {
            Content = new StringContent("{\"ageGroup\":\"adult\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await http.SendAsync(request)).StatusCode;
    }
}
