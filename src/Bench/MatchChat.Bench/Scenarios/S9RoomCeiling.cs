using System.Diagnostics;
using System.Text.Json;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S9: one busy room, so one channel grain. Its members all send in a closed loop at once (each sends its next message
/// when the previous one is acknowledged), so up to one message per member waits on the room's channel. Acknowledged
/// messages per second, SendMessage→acknowledgement latency, server CPU per message, and the deliveries each member
/// received. In memory, and on a private PostgreSQL when <c>--pg</c> finds one (as S8). The room's rate on PostgreSQL is
/// where a channel that awaits each commit before its next message would show (one commit round per message).
/// Environment: <c>S9_MEMBERS=N</c> (default 20).
/// </summary>
public sealed class S9RoomCeiling : Scenario
{
    private const string Room = "grief";

    public override string Name => "S9";
    public override string Description => "one room's ceiling: its members send closed loop at once; acknowledged msg/s, send→ack latency, CPU per message";

    public override async Task RunAsync(ScenarioContext context)
    {
        var usePg = context.Options.Postgres switch
        {
            "on" or "only" => true,
            "off" => false,
            _ => PrivatePostgres.FindTool("initdb") is not null,
        };
        if (context.Options.Postgres != "only")
        {
            await RunOnceAsync(context, "in memory", null);
        }

        if (usePg)
        {
            await using var pg = await PrivatePostgres.StartAsync();
            await RunOnceAsync(context, "PostgreSQL", pg.ConnectionString);
        }
    }

    private static async Task RunOnceAsync(ScenarioContext context, string mode, string? connectionString)
    {
        var members = int.TryParse(Environment.GetEnvironmentVariable("S9_MEMBERS"), out var m) ? m : 20;
        var duration = context.Profile.RelayDuration;
        var tag = connectionString is null ? "mem" : "pg";
        await using var server = await context.StartMatchChatAsync($"matchchat-s9-{tag}", $"matchchat-s9-{tag}.log", context.MatchChatEnv(connectionString));
        using var http = Clients.NewHttp(server.BaseUri);
        var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", members, members: true, context.Options.SkipNegotiation, 16, http, 200_000);
        try
        {
            long received = 0;
            foreach (var peer in peers)
            {
                await peer.Conn.InvokeAsync<JsonElement>("JoinRoom", Room);
                peer.OnMessage = (_, _) => Interlocked.Increment(ref received);
            }

            // Warm-up outside the window, then the measured window.
            await SendLoopAsync(peers, context.Profile.Warmup, "w", new Latency());
            var latency = new Latency();
            Interlocked.Exchange(ref received, 0);
            var (acked, errors) = await context.WindowAsync("S9", server, duration, () => SendLoopAsync(peers, duration, "m", latency));
            var perSecond = acked / duration.TotalSeconds;
            var shape = $"{mode}, one room, {members} members sending at once";
            context.Results.Add(new Row("S9", shape, "acknowledged msg/s", perSecond, null, "msg/s",
                $"{acked} acknowledged, {errors} errors; deliveries to members counted in the window: {Interlocked.Read(ref received) / (double)Math.Max(1, acked * members):P0} of acknowledged × members"));
            context.Results.Add(new Row("S9", shape, "p50 send→ack", latency.Ms(50), null, "ms", $"p99 {Results.Fmt(latency.Ms(99))} ms"));
            context.Results.Add(new Row("S9", shape, "server CPU per message", context.CpuUsPer(acked, duration, duration), null, "µs", "includes pushing it to every member"));
        }
        finally
        {
            await Clients.DisposeAllAsync(peers);
        }
    }

    private static async Task<(long Acked, long Errors)> SendLoopAsync(Peer[] peers, TimeSpan duration, string tag, Latency latency)
    {
        long acked = 0, errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(peers.Select(async (peer, i) =>
        {
            for (var k = 0; Stopwatch.GetTimestamp() < until; k++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await peer.Conn.InvokeAsync<JsonElement>("SendMessage", "room:" + Room, $"s9{tag}-{i}-{k}-{Guid.NewGuid():N}", $"message {k} from member {i}");
                    latency.RecordTicks(Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref acked);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                    await Task.Delay(50);
                }
            }
        }));
        return (acked, errors);
    }
}
