using MatchChat.Contracts.Messaging;
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
        var unavailable = new List<(string ClientMessageId, string Text)>();
        var otherErrors = new List<string>();
        using var stop = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"during outage test {i}";
                try
                {
                    acknowledged.Add(await seeker.Send(conversation.Channel, text, $"o-{i}"));
                }
                catch (HubException e) when (e.Message.Contains("unavailable: ", StringComparison.Ordinal))
                {
                    unavailable.Add(($"o-{i}", text));
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
        output.WriteLine($"acknowledged {acknowledged.Count}, unavailable {unavailable.Count}");

        Assert.Empty(otherErrors);
        Assert.NotEmpty(unavailable);

        // An unavailable send may still have been committed (PostgreSQL can die after the commit and before the reply).
        // A client resends it with the same clientMessageId: it is then stored exactly once, whichever way it went.
        var landedAnyway = (await ReadAll()).Count - acknowledged.Count;
        var resent = new List<Message>();
        foreach (var (clientMessageId, text) in unavailable)
        {
            resent.Add(await seeker.Send(conversation.Channel, text, clientMessageId));
        }

        var after = await seeker.Send(conversation.Channel, "after the outage", "after-1");
        var history = await ReadAll();
        output.WriteLine($"stored {history.Count}; unavailable sends that had landed anyway: {landedAnyway}");

        // No gap, no reuse, and every message the sender was told about is stored exactly once with its text.
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal(acknowledged.Count + unavailable.Count + 1, history.Count);
        Assert.Equal(history.Count, after.Seq);
        foreach (var message in acknowledged.Concat(resent))
        {
            Assert.Equal(message.Text, history[(int)message.Seq - 1].Text);
            Assert.Equal(message.ClientMessageId, history[(int)message.Seq - 1].ClientMessageId);
        }

        Assert.Equal(history.Count, history.Select(m => m.ClientMessageId).Distinct().Count());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await new HttpClient { BaseAddress = node.Url }.GetAsync("/healthz")).StatusCode);

        async Task<List<Message>> ReadAll()
        {
            var all = new List<Message>();
            while (true)
            {
                var page = await listener.History(conversation.Channel, afterSeq: all.Count == 0 ? 0 : all[^1].Seq, limit: 200);
                if (page.Length == 0)
                {
                    return all;
                }

                all.AddRange(page);
            }
        }
    }
}
