using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Npgsql;

namespace MatchChat.Durability.Tests;

/// <summary>[crisis] Alerts live in PostgreSQL (crisis_alerts): a full restart keeps them, their acknowledgement, and their context; reads are audited.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CrisisAlertRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Alerts_and_their_acknowledgement_survive_a_full_restart_and_context_reads_are_audited()
    {
        var adminKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var database = await postgres.CreateDatabaseAsync("crisis");
        await using var node = new EmbeddedNode(database, new Dictionary<string, string?> { ["MatchChat:Admin:Key"] = adminKey });
        await node.StartAsync();

        TestMember.CreatedMember moderatorId;
        string firstAlert, secondAlert;
        long flaggedSeq;
        await using (var writer = await TestMember.CreateAsync(node.Url))
        await using (var moderator = await TestMember.CreateAsync(node.Url))
        {
            using (var admin = new HttpClient { BaseAddress = node.Url })
            {
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
                (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = moderator.Handle })).EnsureSuccessStatusCode();
            }

            await moderator.Conn.Invoke<Alert[]>("ListAlerts");
            await writer.Conn.Invoke<Room>("JoinRoom", "stress");
            await writer.Send("room:stress", "a normal day so far");
            flaggedSeq = (await writer.Send("room:stress", "I want to kill myself")).Seq;
            firstAlert = (await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Seq == flaggedSeq)).AlertId;
            var second = await writer.Send("room:stress", "i just want to die tonight");
            secondAlert = (await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Seq == second.Seq)).AlertId;
            await moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = firstAlert, note = "called them" });
            moderatorId = moderator.Created;
        }

        await node.StopAsync();
        await node.StartAsync();

        await using var again = await TestConnection.OpenAsync(node.Url, moderatorId.Token);
        var all = await again.Invoke<Alert[]>("ListAlerts");
        Assert.Equal([secondAlert, firstAlert], all.Select(a => a.AlertId));
        Assert.Equal(("acknowledged", moderatorId.Handle), (all[1].Status, all[1].AcknowledgedBy));
        Assert.Equal(("open", "room:stress", flaggedSeq), (all[0].Status, all[1].Channel, all[1].Seq));
        Assert.Equal([secondAlert], (await again.Invoke<Alert[]>("ListAlerts", new { status = "open" })).Select(a => a.AlertId));

        var context = await again.Invoke<Message[]>("GetAlertContext", firstAlert);
        Assert.Equal(["a normal day so far", "I want to kill myself"], context.Select(m => m.Text));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT actor_handle, action, channel FROM audit ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        // The acknowledgement (before the restart) and the context read (after it) are both in the trail, in order.
        Assert.Equal(
            [(moderatorId.Handle, "alert.acknowledged", "room:stress"), (moderatorId.Handle, "alert.context.read", "room:stress")],
            rows);
    }
}
