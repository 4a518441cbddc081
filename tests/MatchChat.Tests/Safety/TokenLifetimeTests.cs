using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Safety;

/// <summary>A server whose tokens live about three seconds.</summary>
public sealed class ShortTokenServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Auth:TokenLifetimeDays"] = (3.0 / 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Tokens over real HTTP: a member renews their session before it lapses (<c>POST /api/members/me/token</c>), and an
/// expired token can still erase its member's data (an outside probe: after expiry nothing could delete it).
/// </summary>
public sealed class TokenLifetimeTests(ShortTokenServerFixture server) : IClassFixture<ShortTokenServerFixture>
{
    [Fact]
    public async Task A_renewed_token_names_the_same_member_with_a_later_expiry_and_an_expired_one_cannot_be_renewed()
    {
        await using var member = await server.NewMember();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // expiries are whole seconds
        // A token in a REST URL is not taken (it would end up in proxies' logs and browser histories): the header only.
        using (var http = new HttpClient { BaseAddress = server.BaseUrl })
        {
            var inQuery = await http.PostAsync("/api/members/me/token?access_token=" + Uri.EscapeDataString(member.Token), null);
            Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        }

        var (status, body) = await Post("/api/members/me/token", member.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        var renewed = body!.RootElement.GetProperty("token").GetString()!;
        Assert.True(body.RootElement.GetProperty("expiresAt").GetDateTime() > member.Created.ExpiresAt);
        await using (var connection = await TestConnection.OpenAsync(server.BaseUrl, renewed))
        {
            Assert.Equal(member.Handle, (await connection.Invoke<Contracts.Members.Member>("GetMe")).Handle);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("/api/members/me/token", member.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("/api/members/me/token", "forged.token")).Status);
    }

    [Fact]
    public async Task An_expired_token_still_deletes_its_members_data_and_only_once()
    {
        await using var member = await server.NewMember();
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));

        Assert.Equal(HttpStatusCode.NoContent, await StandingProbe.DeleteMe(server.BaseUrl, member.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, member.Token));
    }

    private async Task<(HttpStatusCode Status, JsonDocument? Body)> Post(string path, string token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonDocument.Parse(text) : null);
    }

    [Fact]
    public void An_expired_token_erases_only_within_180_days_of_its_expiry()
    {
        var clock = new ManualTime(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var tokens = new MatchChat.Web.Auth.TokenService(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), TimeSpan.FromDays(30), clock);
        var (token, _) = tokens.Issue("member-1", "adult");

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(tokens.Validate(token, "test"));
        Assert.NotNull(tokens.Validate(token, "test", allowExpired: true));

        clock.Advance(TimeSpan.FromDays(180));
        Assert.Null(tokens.Validate(token, "test", allowExpired: true));
    }
}
