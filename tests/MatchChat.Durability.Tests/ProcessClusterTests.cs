using System.Diagnostics;
using System.Security.Cryptography;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Hosting;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace MatchChat.Durability.Tests;

/// <summary>
/// Real separate processes: PostgreSQL, two silos, two web nodes in Client mode. One member on each web node in
/// one conversation; the silo hosting the conversation is killed with SIGKILL; the conversation goes on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProcessClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static string WebDll => Path.Combine(RepoPaths.Root, "src", "Web", "MatchChat.Web", "bin", RepoPaths.Configuration, "net10.0", "MatchChat.Web.dll");

    [Fact]
    public async Task Two_silo_processes_and_two_web_nodes_keep_a_conversation_going_through_kill_9_of_the_silo_that_hosts_it_and_rooms_span_both_nodes()
    {
        var connectionString = await postgres.CreateDatabaseAsync("procs");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__MatchChat"] = connectionString,
            ["MatchChat__Cluster__AdvertisedIP"] = "127.0.0.1",
            ["MatchChat__Auth__SigningKey"] = key,
            ["MatchChat__Limits__MessagesPerSecond"] = "1000",
            ["MatchChat__Limits__MessageBurst"] = "1000",
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Information",
        };
        var clock = Stopwatch.StartNew();
        var silos = new Dictionary<int, ChildProcess>();
        var webs = new List<(ChildProcess Process, Uri Url)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var siloPort = FreePort.Next();
                silos[siloPort] = ChildProcess.StartDotnet(RepoPaths.SiloDll, new Dictionary<string, string>(common)
                {
                    ["MatchChat__Cluster__SiloPort"] = siloPort.ToString(),
                    ["MatchChat__Cluster__GatewayPort"] = FreePort.Next().ToString(),
                });
            }

            // As docker-compose does: web nodes start once the silos are up (both registered as active).
            await WaitForActiveSilos(connectionString, 2, TimeSpan.FromSeconds(90));
            for (var i = 0; i < 2; i++)
            {
                var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
                var web = ChildProcess.StartDotnet(WebDll, new Dictionary<string, string>(common) { ["MatchChat__Hosting__Mode"] = "Client" },
                    "--urls", url.ToString().TrimEnd('/'));
                webs.Add((web, url));
            }

            foreach (var (_, url) in webs)
            {
                await WaitHealthy(url, TimeSpan.FromSeconds(90));
            }

            output.WriteLine($"cluster of 2 silos + 2 web nodes healthy after {clock.Elapsed.TotalSeconds:F1}s");

            await using var seeker = await TestMember.CreateAsync(webs[0].Url);
            await using var listener = await TestMember.CreateAsync(webs[1].Url);
            var (conversation, _) = await Journeys.Match(seeker, listener, "loneliness");
            var acknowledged = new List<Message>();
            for (var i = 0; i < 10; i++)
            {
                var (from, to) = i % 2 == 0 ? (seeker, listener) : (listener, seeker);
                var m = await from.Send(conversation.Channel, $"before {i}", $"b{i}");
                acknowledged.Add(m);
                await to.Conn.Next<Message>("MessageReceived", x => x.Seq == m.Seq);
            }

            // Find the silo that hosts the conversation, through an Orleans client of our own.
            var victimPort = await HostingSiloPort(connectionString, conversation.ConversationId);
            var victim = silos[victimPort];
            victim.KillHard();
            var killedAt = clock.Elapsed;

            // The seeker keeps sending, retrying with the same clientMessageId until acknowledged.
            var recovered = TimeSpan.Zero;
            for (var i = 0; i < 10; i++)
            {
                var (from, to) = i % 2 == 0 ? (seeker, listener) : (listener, seeker);
                var m = await SendUntilAcknowledged(from, conversation.Channel, $"after {i}", $"a{i}", TimeSpan.FromSeconds(90));
                acknowledged.Add(m);
                await ReceiveOrCatchUp(to, conversation.Channel, m.Seq);
                if (i == 0)
                {
                    recovered = clock.Elapsed - killedAt;
                }
            }

            output.WriteLine($"conversation recovered {recovered.TotalSeconds:F1}s after kill -9 of its silo");

            // A room with one member on each web node: both hear each other.
            await seeker.Conn.Invoke<Room>("JoinRoom", "stress");
            var room = await listener.Conn.Invoke<Room>("JoinRoom", "stress");
            var inRoom = await seeker.Send(room.Channel, "hello from web node one", "r1");
            await listener.Conn.Next<Message>("MessageReceived", m => m.Channel == room.Channel && m.Seq == inRoom.Seq);
            var back = await listener.Send(room.Channel, "hello from web node two", "r2");
            await seeker.Conn.Next<Message>("MessageReceived", m => m.Channel == room.Channel && m.Seq == back.Seq);
            var history = await listener.History(conversation.Channel, afterSeq: 0, limit: 200);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), history.Select(m => m.Seq));
            Assert.Equal(acknowledged.Select(m => (m.Seq, m.Text)), history.Select(m => (m.Seq, m.Text)));
        }
        finally
        {
            // For diagnosis: the warnings and errors each process logged (no message text is ever logged).
            foreach (var (name, process) in silos.Select(kv => ($"silo:{kv.Key}", kv.Value)).Concat(webs.Select((w, i) => ($"web{i + 1}", w.Process))))
            {
                var lines = process.Output.Split('\n');
                var problems = lines.Select((line, i) => (line, i)).Where(x => x.line.StartsWith("fail:") || x.line.StartsWith("warn:") || x.line.StartsWith("crit:"))
                    .SelectMany(x => lines.Skip(x.i).Take(2))
                    .Where(l => !l.Contains("GrainDirectoryHandoffManager", StringComparison.Ordinal)).TakeLast(40);
                output.WriteLine($"--- {name}\n{string.Join('\n', problems)}");
            }

            foreach (var (process, _) in webs)
            {
                await process.DisposeAsync();
            }

            foreach (var silo in silos.Values)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<Message> SendUntilAcknowledged(TestMember from, string channel, string text, string id, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await from.Send(channel, text, id);
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is HubException or InvalidOperationException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The push may be lost while the grain moves; the client then fills the gap from history, as the page does.</summary>
    private static async Task ReceiveOrCatchUp(TestMember to, string channel, long seq)
    {
        try
        {
            await to.Conn.Next<Message>("MessageReceived", x => x.Seq == seq, TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    var gap = await to.History(channel, afterSeq: seq - 1, limit: 1);
                    Assert.Equal(seq, Assert.Single(gap).Seq);
                    return;
                }
                catch (HubException e) when (e.Message.Contains("unavailable: ", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(250);
                }
            }
        }
    }

    private static async Task WaitForActiveSilos(string connectionString, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                // Orleans' SiloStatus.Active is 3.
                await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = 3", connection);
                if (Convert.ToInt32(await command.ExecuteScalarAsync()) >= count)
                {
                    return;
                }
            }
            catch (Npgsql.PostgresException)
            {
                // The first silo has not created the tables yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} silos did not become active");
            }

            await Task.Delay(250);
        }
    }

    private static async Task WaitHealthy(Uri url, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not become healthy");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<int> HostingSiloPort(string connectionString, string conversationId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MatchChat"] = connectionString });
        builder.UseOrleansClient(c => c.UseMatchChat(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            var stats = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            return stats.First(s => s.GrainId.ToString().Contains(conversationId, StringComparison.Ordinal)).SiloAddress.Endpoint.Port;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
