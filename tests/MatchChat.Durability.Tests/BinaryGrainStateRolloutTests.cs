using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace MatchChat.Durability.Tests;

/// <summary>
/// Grain state moving from JSON to Orleans' binary format on PostgreSQL (<c>MatchChat:Storage:BinaryGrainState</c>):
/// a node that writes binary reads the JSON rows written before, and a node of this build that still writes JSON reads
/// the binary rows, so a cluster can turn it on one silo at a time and back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BinaryGrainStateRolloutTests(PostgresFixture postgres)
{
    [Fact]
    public async Task State_written_in_json_is_read_after_binary_is_turned_on_and_binary_state_is_read_after_it_is_turned_off()
    {
        var database = await postgres.CreateDatabaseAsync("binarystate");
        // One signing key for the three nodes, so the members' tokens stay valid across them.
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Dictionary<string, string?> Settings(bool binary) => new() { ["MatchChat:Auth:SigningKey"] = key, ["MatchChat:Storage:BinaryGrainState"] = binary ? "true" : "false" };
        TestMember.CreatedMember listenerId, waitingId;
        await using (var json = new EmbeddedNode(database, Settings(binary: false)))
        {
            await json.StartAsync();
            await using var listener = await TestMember.CreateAsync(json.Url);
            await using var waiting = await TestMember.CreateAsync(json.Url);
            await listener.Volunteer("grief", ["lost-a-parent"], max: 2);
            await waiting.Request("anxiety", note: "is anyone there");
            (listenerId, waitingId) = (listener.Created, waiting.Created);
        }

        Assert.Equal(0, await BinaryMemberRows(database));

        await using (var binary = new EmbeddedNode(database, Settings(binary: true)))
        {
            await binary.StartAsync();
            await using var listener = await TestConnection.OpenAsync(binary.Url, listenerId.Token);
            var me = await listener.Invoke<Member>("GetMe");
            Assert.Equal(["lost-a-parent"], me.Listener!.Experiences);
            await listener.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "grief", "stress" }, experiences = new[] { "lost-a-parent", "widowed" }, maxConcurrentChats = 3, acceptsTeens = false, agreedToGuide = true });
            await using var waiting = await TestConnection.OpenAsync(binary.Url, waitingId.Token);
            Assert.Equal(TicketStatus.Waiting, (await waiting.Invoke<Member>("GetMe")).OpenRequest?.Status);
        }

        Assert.True(await BinaryMemberRows(database) > 0, "the binary node did not write the listener's state in binary");

        await using (var jsonAgain = new EmbeddedNode(database, Settings(binary: false)))
        {
            await jsonAgain.StartAsync();
            await using var listener = await TestConnection.OpenAsync(jsonAgain.Url, listenerId.Token);
            var me = await listener.Invoke<Member>("GetMe");
            Assert.Equal(["grief", "stress"], me.Listener!.Topics);
            Assert.Equal(["lost-a-parent", "widowed"], me.Listener.Experiences);
            Assert.Equal(3, me.Listener.MaxConcurrentChats);
            await using var waiting = await TestConnection.OpenAsync(jsonAgain.Url, waitingId.Token);
            var again = await Assert.ThrowsAsync<HubException>(() => waiting.Invoke<QueueTicket>("RequestListener", new { topic = "anxiety" }));
            Assert.Contains("conflict: ", again.Message);
        }
    }

    /// <summary>Stored member states that start with the binary marker (a zero byte; JSON starts with <c>{</c>).</summary>
    private static async Task<long> BinaryMemberRows(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'member' AND get_byte(payloadbinary, 0) = 0", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
