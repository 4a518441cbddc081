using System.Net;
using System.Net.Http.Json;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Safety;

public sealed class ModeratorAdminTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_granted_role_shows_on_the_open_connection_and_a_revoked_one_goes_without_a_reconnect()
    {
        await using var member = await server.NewMember();
        Assert.DoesNotContain("moderator", (await member.Conn.Invoke<Member>("GetMe")).Roles);

        using var admin = server.Admin();
        var granted = await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("moderator", (await member.Conn.Invoke<Member>("GetMe")).Roles);

        var revoked = await admin.DeleteAsync($"/api/admin/moderators/{member.Handle}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.DoesNotContain("moderator", (await member.Conn.Invoke<Member>("GetMe")).Roles);
    }

    [Fact]
    public async Task A_wrong_or_missing_admin_key_is_refused_and_changes_nothing()
    {
        await using var member = await server.NewMember();
        using var wrong = server.Admin(Convert.ToBase64String(new byte[32]));
        var refused = await wrong.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var none = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).StatusCode);

        // A member's own token is not the admin key.
        using var asMember = server.Admin(member.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asMember.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).StatusCode);
        Assert.DoesNotContain("moderator", (await member.Conn.Invoke<Member>("GetMe")).Roles);
    }

    [Fact]
    public async Task Unknown_or_malformed_handles_get_clear_errors()
    {
        using var admin = server.Admin();
        var unknown = await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = "NobodyHere-1" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("not_found: ", await Detail(unknown));

        var malformed = await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = "<script>" });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("invalid: ", await Detail(malformed));

        var notJson = await admin.PostAsync("/api/admin/moderators", new StringContent("handle=x"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task A_teen_cannot_be_made_a_moderator()
    {
        await using var teen = await server.NewMember("teen");
        using var admin = server.Admin();

        var refused = await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = teen.Handle });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.StartsWith("conflict: ", await Detail(refused));
        Assert.DoesNotContain("moderator", (await teen.Conn.Invoke<Member>("GetMe")).Roles);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => teen.Conn.Invoke<Contracts.Reports.Report[]>("ListReports"));
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString()!;
}
