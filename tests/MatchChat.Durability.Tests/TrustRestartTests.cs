using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Durability.Tests;

/// <summary>Blocks, room bans and room mutes survive a full restart on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TrustRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_full_restart_keeps_blocks_and_a_rooms_bans_and_mutes()
    {
        var adminKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var node = new EmbeddedNode(await postgres.CreateDatabaseAsync("trust"), new() { ["MatchChat:Admin:Key"] = adminKey });
        await node.StartAsync();

        TestMember.CreatedMember blockerId, blockedId, mutedId, bannedId;
        await using (var blocker = await TestMember.CreateAsync(node.Url))
        await using (var blocked = await TestMember.CreateAsync(node.Url))
        await using (var muted = await TestMember.CreateAsync(node.Url))
        await using (var banned = await TestMember.CreateAsync(node.Url))
        await using (var moderator = await TestMember.CreateAsync(node.Url))
        {
            using var admin = new HttpClient { BaseAddress = node.Url };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = moderator.Handle })).EnsureSuccessStatusCode();

            await blocker.Conn.Invoke("Block", blocked.Handle);
            foreach (var m in new[] { blocker, blocked, muted, banned })
            {
                await m.Conn.Invoke<Room>("JoinRoom", "stress");
            }

            await blocked.Send("room:stress", "from the blocked member, before the restart", "blocked-pre");
            await moderator.Conn.Invoke("Moderate", new { room = "stress", handle = muted.Handle, action = "mute" });
            await moderator.Conn.Invoke("Moderate", new { room = "stress", handle = banned.Handle, action = "ban", minutes = 600 });
            (blockerId, blockedId, mutedId, bannedId) = (blocker.Created, blocked.Created, muted.Created, banned.Created);
        }

        await node.StopAsync();
        await node.StartAsync();

        await using var blockerAgain = await TestConnection.OpenAsync(node.Url, blockerId.Token);
        await using var blockedAgain = await TestConnection.OpenAsync(node.Url, blockedId.Token);
        await using var mutedAgain = await TestConnection.OpenAsync(node.Url, mutedId.Token);
        await using var bannedAgain = await TestConnection.OpenAsync(node.Url, bannedId.Token);

        // The block: listed, still filtering the room (history and live), and still keeping the two apart in matching.
        var listed = await blockerAgain.Invoke<JsonElement>("ListBlocked");
        Assert.Equal(blockedId.Handle, Assert.Single(listed.EnumerateArray()).GetProperty("handle").GetString());
        Assert.DoesNotContain(await blockerAgain.Invoke<Message[]>("GetHistory", "room:stress", null, null, null), m => m.SenderHandle == blockedId.Handle);
        var live = await blockedAgain.Invoke<Message>("SendMessage", "room:stress", "blocked-post", "after the restart");
        await mutedAgain.Next<Message>("MessageReceived", m => m.Seq == live.Seq);
        await blockerAgain.AssertNone<Message>("MessageReceived", m => m.Seq == live.Seq);

        await blockerAgain.Invoke("Volunteer", new { topics = new[] { "grief" }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, agreedToGuide = true });
        await blockerAgain.Invoke("SetAvailable", true);
        var request = await blockedAgain.Invoke<QueueTicket>("RequestListener", new { topic = "grief" });
        await blockerAgain.AssertNone<Offer>("OfferReceived", o => o.RequestId == request.RequestId, TimeSpan.FromSeconds(2));

        // The mute and the ban.
        var mutedSend = await Assert.ThrowsAsync<HubException>(() => mutedAgain.Invoke<Message>("SendMessage", "room:stress", "m-post", "let me talk"));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(mutedSend));
        var bannedJoin = await Assert.ThrowsAsync<HubException>(() => bannedAgain.Invoke<Room>("JoinRoom", "stress"));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(bannedJoin));
        Assert.Contains(" UTC", HubErrors.CodeAndSentence(bannedJoin));
    }
}
