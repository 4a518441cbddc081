using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MatchChat.Contracts.Appeals;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Safety;

/// <summary>
/// Appeals (docs/PROTOCOL.md "Additions: appeals") over real HTTP and WebSockets: a suspended or banned member asks once
/// per suspension for a review (<c>POST /api/members/me/appeal</c>), moderators list the open ones and lift or keep the
/// suspension (<c>ListAppeals</c>, <c>DecideAppeal</c>), and the member reads the outcome on the standing endpoint.
/// </summary>
public sealed class AppealTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    private const string Why = "I was quoting the person who insulted me, not insulting anyone. Please read the whole chat.";

    [Fact]
    public async Task A_banned_member_appeals_a_moderator_lifts_the_ban_and_the_same_token_is_accepted_again()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, reason = "Insults in the grief room." });
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));

        // Still themself when it is lifted, however long it lasts: a banned member may renew their token.
        Assert.Equal(HttpStatusCode.OK, (await Post("/api/members/me/token", member.Token)).StatusCode);

        var (status, filed) = await Appeal(member.Token, new { text = $"  {Why}\r\n" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("open", (string?)null), (filed!.RootElement.GetProperty("status").GetString(), filed.RootElement.GetProperty("note").GetString()));
        var standing = await StandingBody(member.Token);
        Assert.Equal("open", standing.RootElement.GetProperty("appeal").GetProperty("status").GetString());

        // Moderators see it with the text and the suspension's reason; a second appeal of the same ban is refused.
        var listed = Assert.Single(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle);
        Assert.Equal((Why, "Insults in the grief room.", (DateTime?)null, "open"), (listed.Text, listed.SuspensionReason, listed.SuspendedUntil, listed.Status));
        var (again, body) = await Appeal(member.Token, new { text = "Please." });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.StartsWith("conflict: ", body!.RootElement.GetProperty("detail").GetString());

        var decided = await moderator.Conn.Invoke<Appeal>("DecideAppeal", new { appealId = listed.AppealId, decision = "lift", note = "You were right, sorry." });
        Assert.Equal(("lifted", moderator.Handle), (decided.Status, decided.DecidedBy));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));
        var back = (await StandingBody(member.Token)).RootElement;
        Assert.Equal("active", back.GetProperty("status").GetString());
        // The member reads the lift's note (an outside probe: the standing said appeal null, so it could never be seen).
        Assert.Equal("lifted", back.GetProperty("appeal").GetProperty("status").GetString());
        Assert.Equal("You were right, sorry.", back.GetProperty("appeal").GetProperty("note").GetString());
        Assert.False(back.GetProperty("appeal").TryGetProperty("decidedBy", out _));
        Assert.DoesNotContain(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle);
        var twice = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Appeal>("DecideAppeal", new { appealId = listed.AppealId, decision = "uphold" }));
        Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(twice));
    }

    [Fact]
    public async Task An_upheld_suspension_stays_and_the_member_reads_the_moderators_note_and_cannot_appeal_it_again()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 60, reason = "Spam links." });
        await Appeal(member.Token, new { text = Why });
        var listed = Assert.Single(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle);
        Assert.NotNull(listed.SuspendedUntil);

        await moderator.Conn.Invoke<Appeal>("DecideAppeal", new { appealId = listed.AppealId, decision = "uphold", note = "The links were sent to five people." });

        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));
        var appeal = (await StandingBody(member.Token)).RootElement.GetProperty("appeal");
        Assert.Equal(("upheld", "The links were sent to five people."), (appeal.GetProperty("status").GetString(), appeal.GetProperty("note").GetString()));
        Assert.False(appeal.TryGetProperty("decidedBy", out _), "the member is never told which moderator decided");
        var (again, body) = await Appeal(member.Token, new { text = "Please look again." });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("already reviewed", body!.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_appeals_and_decisions_answer_code_and_sentence_and_change_nothing()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();

        // Not suspended: nothing to appeal.
        var (notSuspended, body) = await Appeal(member.Token, new { text = Why });
        Assert.Equal(HttpStatusCode.Conflict, notSuspended);
        Assert.StartsWith("conflict: ", body!.RootElement.GetProperty("detail").GetString());

        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 30, reason = "Off-topic posts." });
        foreach (var bad in new object[] { new { text = "" }, new { text = "\u200B\u200B" }, new { text = new string('a', 1001) }, new { words = Why } })
        {
            var (status, problem) = await Appeal(member.Token, bad);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.StartsWith("invalid: ", problem!.RootElement.GetProperty("detail").GetString());
        }

        var (forged, _) = await Appeal("not-a-token", new { text = Why });
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(JsonValueKind.Null, (await StandingBody(member.Token)).RootElement.GetProperty("appeal").ValueKind);

        await Appeal(member.Token, new { text = Why });
        var appealId = Assert.Single(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle).AppealId;
        foreach (var (args, code) in new (object, string)[]
        {
            (new { appealId, decision = "pardon" }, "invalid"),
            (new { appealId = "../x", decision = "lift" }, "invalid"),
            (new { appealId = new string('0', 32), decision = "lift" }, "not_found"),
        })
        {
            var e = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Appeal>("DecideAppeal", args));
            Assert.StartsWith($"{code}: ", HubErrors.CodeAndSentence(e));
        }

        // A member who is not a moderator can neither list nor decide.
        await using var other = await server.NewMember();
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => other.Conn.Invoke<Appeal[]>("ListAppeals"))));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(
            () => other.Conn.Invoke<Appeal>("DecideAppeal", new { appealId, decision = "lift" }))));
        Assert.Equal("open", Assert.Single(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle).Status);
    }

    [Fact]
    public async Task A_deleted_or_suspended_again_member_leaves_the_list()
    {
        await using var moderator = await server.NewModerator();
        await using var deleted = await server.NewMember();
        await using var again = await server.NewMember();
        foreach (var m in new[] { deleted, again })
        {
            await moderator.Conn.Invoke("Suspend", new { handle = m.Handle, minutes = 30, reason = "Off-topic posts." });
            await Appeal(m.Token, new { text = Why });
        }

        Assert.Equal(HttpStatusCode.NoContent, await StandingProbe.DeleteMe(server.BaseUrl, deleted.Token));
        await moderator.Conn.Invoke("Suspend", new { handle = again.Handle, reason = "Ban evasion." });

        var listed = await moderator.Conn.Invoke<Appeal[]>("ListAppeals");
        Assert.DoesNotContain(listed, a => a.Handle == deleted.Handle || a.Handle == again.Handle);
        // The new ban may be appealed afresh.
        Assert.Equal(HttpStatusCode.Created, (await Appeal(again.Token, new { text = Why })).Status);
    }

    [Fact]
    public async Task The_same_suspension_given_again_keeps_the_members_open_appeal()
    {
        // An outside probe: a retried Suspend dropped the appeal from the moderators' list, and nobody was told.
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 60, reason = "Spam links in the room." });
        Assert.Equal(HttpStatusCode.Created, (await Appeal(member.Token, new { text = Why })).Status);
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 60, reason = "Spam links in the room." });

        Assert.Single(await moderator.Conn.Invoke<Appeal[]>("ListAppeals"), a => a.Handle == member.Handle && a.Status == "open");
        Assert.Equal("open", (await StandingBody(member.Token)).RootElement.GetProperty("appeal").GetProperty("status").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonDocument? Body)> Appeal(string token, object body)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members/me/appeal") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text) : null);
    }

    private async Task<HttpResponseMessage> Post(string path, string token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<JsonDocument> StandingBody(string token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members/me/standing");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
