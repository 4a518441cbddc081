using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Reports;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Npgsql;

namespace MatchChat.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ReportRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Reports_and_their_evidence_survive_a_full_restart_and_every_read_of_evidence_is_in_the_audit_table()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reports");
        var adminKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var node = new EmbeddedNode(connectionString, new Dictionary<string, string?> { ["MatchChat:Admin:Key"] = adminKey });
        await node.StartAsync();

        string reportId, channel, moderatorToken, moderatorHandle, listenerHandle;
        await using (var seeker = await TestMember.CreateAsync(node.Url))
        await using (var listener = await TestMember.CreateAsync(node.Url))
        await using (var moderator = await TestMember.CreateAsync(node.Url))
        {
            var (conversation, _) = await Journeys.Match(seeker, listener, "grief");
            channel = conversation.Channel;
            for (var i = 1; i <= 3; i++)
            {
                await listener.Send(channel, $"unkind words {i}");
            }

            reportId = (await seeker.Conn.Invoke<Receipt>("Report", new { channel, seq = 3L, category = "harassment", reason = "It hurt." })).ReportId;
            await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
            await seeker.Conn.Next<ConversationEnded>("ConversationEnded");

            using var admin = new HttpClient { BaseAddress = node.Url };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = moderator.Handle })).EnsureSuccessStatusCode();
            (moderatorToken, moderatorHandle, listenerHandle) = (moderator.Token, moderator.Handle, listener.Handle);
        }

        await node.StopAsync();
        await node.StartAsync();

        await using var console = await TestConnection.OpenAsync(node.Url, moderatorToken);
        var report = Assert.Single(await console.Invoke<Report[]>("ListReports"));
        Assert.Equal(reportId, report.ReportId);
        Assert.Equal(listenerHandle, report.ReportedHandle);
        Assert.Equal("It hurt.", report.Reason);
        Assert.Equal(new[] { "unkind words 1", "unkind words 2", "unkind words 3" }, report.Evidence.Select(m => m.Text));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var audit = new NpgsqlCommand("SELECT actor_handle, action, report_id, channel FROM audit", connection))
        await using (var reader = await audit.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((moderatorHandle, "report.evidence.read", reportId, channel), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            Assert.False(await reader.ReadAsync());
        }

        // The conversation grain told the retention job when the conversation ended.
        await using var ending = new NpgsqlCommand("SELECT count(*) FROM conversation_endings WHERE channel = $1", connection);
        ending.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        Assert.Equal(1L, await ending.ExecuteScalarAsync());

        await console.Invoke("ResolveReport", new { reportId, action = "none" });
        Assert.Equal("resolved", Assert.Single(await console.Invoke<Report[]>("ListReports", new { status = "resolved" })).Status);
    }

    private sealed record Receipt(string ReportId);
}
