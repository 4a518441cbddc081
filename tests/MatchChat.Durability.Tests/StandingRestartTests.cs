using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;

namespace MatchChat.Durability.Tests;

/// <summary>A full restart on PostgreSQL keeps suspensions, bans, teen-listener approvals and deletions (with their redactions).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StandingRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_full_restart_keeps_bans_suspensions_teen_approvals_and_deletions()
    {
        var adminKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var node = new EmbeddedNode(await postgres.CreateDatabaseAsync("standing"), new Dictionary<string, string?> { ["MatchChat:Admin:Key"] = adminKey });
        await node.StartAsync();

        TestMember.CreatedMember moderatorId, bannedId, suspendedId, listenerId, peerId, deletedId;
        string channel;
        await using (var moderator = await TestMember.CreateAsync(node.Url))
        await using (var banned = await TestMember.CreateAsync(node.Url))
        await using (var suspended = await TestMember.CreateAsync(node.Url))
        await using (var listener = await TestMember.CreateAsync(node.Url))
        await using (var peer = await TestMember.CreateAsync(node.Url))
        await using (var deleted = await TestMember.CreateAsync(node.Url))
        {
            using var admin = new HttpClient { BaseAddress = node.Url };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = moderator.Handle })).EnsureSuccessStatusCode();

            await moderator.Conn.Invoke("Suspend", new { handle = banned.Handle, reason = "Harassment." });
            await moderator.Conn.Invoke("Suspend", new { handle = suspended.Handle, minutes = 600, reason = "Spam." });
            await listener.Volunteer("grief", acceptsTeens: true);
            await moderator.Conn.Invoke<object>("ApproveTeenListener", listener.Handle);

            var (conversation, _) = await Journeys.Match(peer, deleted, "anxiety");
            channel = conversation.Channel;
            await peer.Send(channel, "first, from the peer");
            await deleted.Send(channel, "second, from the one who leaves");
            await deleted.Conn.Invoke("DeleteMe");
            await peer.Conn.Next<ConversationEnded>("ConversationEnded", e => e.Reason == EndReasons.Deleted);
            (moderatorId, bannedId, suspendedId, listenerId, peerId, deletedId) =
                (moderator.Created, banned.Created, suspended.Created, listener.Created, peer.Created, deleted.Created);
        }

        await node.StopAsync();
        await node.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await Negotiate(node.Url, bannedId.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Negotiate(node.Url, suspendedId.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Negotiate(node.Url, deletedId.Token));
        Assert.Equal(HttpStatusCode.OK, await Negotiate(node.Url, peerId.Token));

        await using var listenerAgain = await TestConnection.OpenAsync(node.Url, listenerId.Token);
        Assert.Equal(TeenApprovals.Approved, (await listenerAgain.Invoke<Member>("GetMe")).Listener!.TeenApproval);

        await using var peerAgain = await TestConnection.OpenAsync(node.Url, peerId.Token);
        var history = await peerAgain.Invoke<Message[]>("GetHistory", channel, null, null, null);
        Assert.Equal([1L, 2L], history.Select(m => m.Seq));
        Assert.Equal(["first, from the peer", ""], history.Select(m => m.Text));
        Assert.Equal([false, true], history.Select(m => m.Redacted));

        await using var moderatorAgain = await TestConnection.OpenAsync(node.Url, moderatorId.Token);
        await moderatorAgain.Invoke("Unsuspend", bannedId.Handle);
        Assert.Equal(HttpStatusCode.OK, await Negotiate(node.Url, bannedId.Token));
        // A deleted member's handle still names nobody who can be acted on.
        var gone = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => moderatorAgain.Invoke("Suspend", new { handle = deletedId.Handle, reason = "x" }));
        Assert.Contains("not_found: ", gone.Message);
    }

    private static async Task<HttpStatusCode> Negotiate(Uri url, string token)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
