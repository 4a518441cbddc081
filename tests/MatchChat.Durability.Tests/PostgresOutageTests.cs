using MatchChat.Contracts.Model;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace MatchChat.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Sends_during_a_postgres_crash_restart_fail_as_unavailable_none_acknowledged_is_lost_and_the_service_recovers_without_a_restart()
    {
        await using var node = new EmbeddedNode(await postgres.CreateDatabaseAsync("outage"));
        await node.StartAsync();
        await using var seeker = await TestMember.CreateAsync(node.Url);
        await using var listener = await TestMember.CreateAsync(node.Url);
        var (conversation, _) = await Journeys.Match(seeker, listener, "anxiety");

        var acknowledged = new List<Message>();
        var unavailable = 0;
        var otherErrors = new List<string>();
        using var stop = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    acknowledged.Add(await seeker.Send(conversation.Channel, $"during outage test {i}", $"o-{i}"));
                }
                catch (HubException e) when (e.Message.Contains("unavailable: ", StringComparison.Ordinal))
                {
                    unavailable++;
                }
                catch (HubException e)
                {
                    otherErrors.Add(HubErrors.CodeAndSentence(e));
                }

                await Task.Delay(20);
            }
        });

        await Task.Delay(1000);
        await postgres.RestartAsync(downtime: TimeSpan.FromSeconds(2));
        await Task.Delay(1500);
        await stop.CancelAsync();
        await sender;
        output.WriteLine($"acknowledged {acknowledged.Count}, unavailable {unavailable}");

        Assert.Empty(otherErrors);
        Assert.True(unavailable > 0, "sends while PostgreSQL was down must fail as unavailable");
        var after = await seeker.Send(conversation.Channel, "after the outage", "after-1");
        Assert.Equal(acknowledged.Count + 1, after.Seq);

        var history = await listener.History(conversation.Channel, afterSeq: 0, limit: 200);
        Assert.Equal(Enumerable.Range(1, acknowledged.Count + 1).Select(i => (long)i), history.Select(m => m.Seq));
        foreach (var message in acknowledged)
        {
            Assert.Equal(message.Text, history[(int)message.Seq - 1].Text);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await new HttpClient { BaseAddress = node.Url }.GetAsync("/healthz")).StatusCode);
    }
}
