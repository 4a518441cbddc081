using System.Collections.Concurrent;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MatchChat.Durability.Tests;

/// <summary>A TestingHost cluster of two silos on PostgreSQL; the silo hosting a conversation is killed mid-burst.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloKillTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_silo_that_hosts_a_conversation_in_a_burst_of_sends_loses_no_acknowledged_message_and_leaves_no_gap()
    {
        var cluster = await PostgresTestCluster.DeployAsync(postgres, "kill", 2);
        try
        {
            var conversationId = Guid.NewGuid().ToString("N");
            var conversation = cluster.Client.GetGrain<IConversationGrain>(conversationId);
            await conversation.Start(new ConversationStart("grief", "seeker-1", "Seeker-1", "listener-1", "Listener-1", [], "req-1"));

            var acknowledged = new ConcurrentDictionary<string, Message>();
            var sent = 0;
            var killed = false;
            async Task Sender(string memberId, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var id = $"{memberId}-{i}";
                    var text = $"message {i} from {memberId}";
                    var deadline = DateTime.UtcNow.AddSeconds(90);
                    while (true)
                    {
                        try
                        {
                            acknowledged[id] = await conversation.Send(memberId, id, text);
                            Interlocked.Increment(ref sent);
                            break;
                        }
                        catch (Exception) when (DateTime.UtcNow < deadline)
                        {
                            // Not acknowledged: retry with the same clientMessageId, as a client does.
                            await Task.Delay(200);
                        }
                    }
                }
            }

            var senders = new[] { Sender("seeker-1", 150), Sender("listener-1", 150) };
            while (Volatile.Read(ref sent) < 60)
            {
                await Task.Delay(10);
            }

            var stats = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var host = stats.First(s => s.GrainId.ToString().Contains(conversationId, StringComparison.Ordinal)).SiloAddress;
            var victim = cluster.Silos.First(s => s.SiloAddress.Equals(host));
            var killedAt = DateTime.UtcNow;
            await cluster.KillSiloAsync(victim);
            killed = true;
            await Task.WhenAll(senders);
            output.WriteLine($"killed the hosting silo after {60}+ sends; all 300 acknowledged {(DateTime.UtcNow - killedAt).TotalSeconds:F1}s after the kill");

            Assert.True(killed);
            Assert.Equal(300, acknowledged.Count);
            var history = new List<Message>();
            long after = 0;
            while (true)
            {
                var page = await conversation.History("seeker-1", after, null, 200);
                if (page.Length == 0)
                {
                    break;
                }

                history.AddRange(page);
                after = page[^1].Seq;
            }

            var missing = Enumerable.Range(1, 300).Select(i => (long)i).Except(history.Select(m => m.Seq)).ToList();
            output.WriteLine($"stored {history.Count}, max seq {history.LastOrDefault()?.Seq}, missing [{string.Join(",", missing.Take(20))}], duplicates {history.Count - history.Select(m => m.ClientMessageId + m.SenderHandle).Distinct().Count()}");
            Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), history.Select(m => m.Seq));
            foreach (var (id, message) in acknowledged)
            {
                var stored = history.Single(m => m.ClientMessageId == id && m.SenderHandle == message.SenderHandle);
                Assert.Equal((message.Seq, message.Text), (stored.Seq, stored.Text));
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
