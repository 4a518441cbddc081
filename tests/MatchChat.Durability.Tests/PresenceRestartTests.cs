using MatchChat.Contracts.Members;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Npgsql;

namespace MatchChat.Durability.Tests;

/// <summary>
/// A waiting seeker has no presence reminder of their own (only available listeners do): after a restart their topic
/// queue wakes them when it is activated, and the grace period still ends the request of a seeker who never comes back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PresenceRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task After_a_restart_a_seeker_who_never_comes_back_has_their_request_expired_even_without_a_presence_reminder()
    {
        var connectionString = await postgres.CreateDatabaseAsync("presence_restart");
        await using var node = new EmbeddedNode(connectionString, new()
        {
            ["MatchChat:Matching:SeekerGraceSeconds"] = "2",
        });
        await node.StartAsync();

        TestMember.CreatedMember goneId, backId;
        await using (var gone = await TestMember.CreateAsync(node.Url))
        await using (var back = await TestMember.CreateAsync(node.Url))
        {
            await gone.Request("grief");
            Assert.Equal(2, (await back.Request("grief")).Position);
            (goneId, backId) = (gone.Created, back.Created);
            // Neither request cost the reminder table a row.
            Assert.Equal(0L, await PresenceReminderRows(connectionString));
            // Down while both are connected, seconds after their requests.
            await node.StopAsync();
        }

        await node.StartAsync();

        // The seeker who comes back asks for their place: that activates the queue, which wakes the other seeker's grain.
        await using var backAgain = await TestConnection.OpenAsync(node.Url, backId.Token);
        int? position;
        var until = DateTime.UtcNow.AddSeconds(30);
        do
        {
            position = (await backAgain.Invoke<Member>("GetMe")).OpenRequest?.Position;
            if (position != 1)
            {
                await Task.Delay(500);
            }
        }
        while (position != 1 && DateTime.UtcNow < until);

        Assert.Equal(1, position);
        await using var goneAgain = await TestConnection.OpenAsync(node.Url, goneId.Token);
        Assert.Null((await goneAgain.Invoke<Member>("GetMe")).OpenRequest);
    }

    private static async Task<long> PresenceReminderRows(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'presence'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
