using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Npgsql;

namespace MatchChat.Durability.Tests;

/// <summary>
/// [crisis] A text the phrase screen reads as crisis is acknowledged only once its alert is stored (and a crisis note's
/// request is urgent from its first write), so a process killed just after the acknowledgement cannot lose either (an
/// outside probe killed the node as SendMessage returned: the message was stored, the alert never). The alert table is
/// held locked by another session here, so the alert's store waits, and the acknowledgement must wait with it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrisisAcknowledgementTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_crisis_message_is_acknowledged_after_its_alert_is_stored()
    {
        var database = await postgres.CreateDatabaseAsync("crisisack");
        await using var node = new EmbeddedNode(database);
        await node.StartAsync();
        await using var writer = await TestMember.CreateAsync(node.Url);
        await writer.Conn.Invoke<Room>("JoinRoom", "stress");
        await writer.Send("room:stress", "a normal day so far");

        await using var locker = await LockAlertsAsync(database);
        var send = writer.Send("room:stress", "I want to kill myself tonight", "crisis-1");
        await Task.Delay(Held);
        Assert.False(send.IsCompleted, "the message was acknowledged while its alert could not be stored");

        await locker.DisposeAsync();
        var message = await send;
        Assert.Equal(1, await AlertsAsync(database, "message", message.Seq));

        // Sent again (its answer lost, or its first process gone before the alert): read again, stored once.
        Assert.Equal(message.Seq, (await writer.Send("room:stress", "I want to kill myself tonight", "crisis-1")).Seq);
        Assert.Equal(1, await AlertsAsync(database, "message", message.Seq));
    }

    [Fact]
    public async Task A_crisis_note_is_answered_urgent_after_its_alert_is_stored()
    {
        var database = await postgres.CreateDatabaseAsync("crisisnote");
        await using var node = new EmbeddedNode(database);
        await node.StartAsync();
        await using var seeker = await TestMember.CreateAsync(node.Url);

        await using var locker = await LockAlertsAsync(database);
        var request = seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic = "grief", note = "I want to kill myself tonight, I have the pills ready" });
        await Task.Delay(Held);
        Assert.False(request.IsCompleted, "the request was answered while its note's alert could not be stored");

        await locker.DisposeAsync();
        var ticket = await request;
        Assert.Equal(Priorities.Urgent, ticket.Priority);
        Assert.Equal(1, await AlertsAsync(database, "note", null));
    }

    /// <summary>A session that holds crisis_alerts locked until it is disposed (its transaction then rolls back).</summary>
    private static async Task<NpgsqlConnection> LockAlertsAsync(string database)
    {
        // Unpooled: closing it ends the session, and the lock with it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; LOCK TABLE crisis_alerts IN ACCESS EXCLUSIVE MODE", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static async Task<long> AlertsAsync(string database, string source, long? seq)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM crisis_alerts WHERE source = $1 AND seq IS NOT DISTINCT FROM $2", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = source });
        count.Parameters.Add(new NpgsqlParameter { Value = (object?)seq ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
