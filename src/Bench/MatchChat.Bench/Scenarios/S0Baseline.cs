using System.Diagnostics;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S0 on the bare SignalR echo server: memory and idle CPU per idle connection, echo at 1..1,000 connections, and the
/// relay pairs the relay scenarios are compared with (their runs are measured right before each of those figures).
/// </summary>
public sealed class S0Baseline : Scenario
{
    public override string Name => "S0";
    public override string Description => "baseline: bare SignalR echo server, idle connections, echo, relay pairs";
    public override bool AlwaysRuns => true;
    public override bool NeedsMatchChat => false;

    /// <summary>The profile's idle size, plus S5's density steps when S5 runs.</summary>
    public static int[] IdleSteps(ScenarioContext context) =>
        new[] { context.Profile.IdleConnections }
            .Concat(context.Selected.Any(s => s.Name == "S5") ? context.Profile.Density : [])
            .Where(n => n <= FileLimit.MaxConnections).Distinct().Order().ToArray();

    public override async Task RunAsync(ScenarioContext context)
    {
        var server = context.EchoServer;
        var options = context.Options;
        var profile = context.Profile;
        var results = context.Results;
        var baseline = context.Baseline;
        Log.Info("S0: echo baseline");
        var hub = new Uri(server.BaseUri, "/hubs/echo");

        // Memory per idle connection, first, on a fresh server (warmed by one connection).
        var warm = Clients.NewPeer(-1, hub, null, options.SkipNegotiation);
        await warm.Conn.StartAsync();
        for (var i = 0; i < 200; i++)
        {
            await warm.Conn.InvokeAsync<string>("Echo", Clients.Text);
        }
        await Task.Delay(2000);
        var (rss0, anon0) = server.Memory();
        // One step per size S5 is compared with (same method: RSS growth over the warmed server / connections), so
        // each S5 ratio has a bare figure of its own size; the first step is the profile's idle size.
        var steps = IdleSteps(context);
        var idle = new List<Peer>();
        foreach (var n in steps)
        {
            var (added, rate) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/echo", n - idle.Count, members: false, options.SkipNegotiation, 64, null, idle.Count);
            idle.AddRange(added);
            await Task.Delay(2000);
            await context.SettleAsync(server.Pid);
            var (rss1, anon1) = server.Memory();
            if (options.GcDump && n == steps[^1])
            {
                await context.GcDumpAsync("S0", server);
            }
            var cpu = new CpuWindow(server.Pid);
            await Task.Delay(profile.IdleCpuWindow);
            var idleCpu = cpu.Stop();
            var idleKbPerConn = (rss1 - rss0) / (double)n;
            baseline.IdleKbPerConnAt[n] = idleKbPerConn;
            baseline.IdleCpuAt[n] = idleCpu.CpuPercent;
            var c = $"{n} idle conns";
            results.Add(new Row("S0", c, "server RSS per connection", idleKbPerConn, null, "KB", $"RSS {rss0 / 1024} → {rss1 / 1024} MB; anon {(anon1 - anon0) / (double)n:F1} KB/conn" +
                (SourceAddresses.Count > 1 ? $"; client sockets from {SourceAddresses.Count} loopback addresses" : "")));
            results.Add(new Row("S0", c, "server idle CPU", idleCpu.CpuPercent, null, "% of a core", $"over {profile.IdleCpuWindow.TotalSeconds:F0} s; threads: {idleCpu.Describe(3)}"));
            if (n == profile.IdleConnections)
            {
                baseline.ConnectRate = rate;
                baseline.IdleKbPerConn = idleKbPerConn;
                baseline.IdleCpu = idleCpu.CpuPercent;
                results.Add(new Row("S0", c, "connect rate", rate, null, "conn/s", "64 in parallel"));
            }
        }
        await Clients.DisposeAllAsync(idle);

        // Echo, closed loop, at 1..1000 connections.
        var max = profile.EchoConnections.Max();
        var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/echo", max, members: false, options.SkipNegotiation, 64, null);
        // JIT warm-up of both sides (tiered compilation) before any measured window.
        var warmEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        await Task.WhenAll(peers.Take(10).Select(async p =>
        {
            for (var k = 0; k < 1_000_000 && Stopwatch.GetTimestamp() < warmEnd; k++)
            {
                await p.Conn.InvokeAsync<string>("Echo", Clients.Text);
            }
        }));
        foreach (var n in profile.EchoConnections)
        {
            var lat = new Latency();
            long count = 0;
            var start = Stopwatch.GetTimestamp();
            var measureStart = start + (long)(profile.Warmup.TotalSeconds * Stopwatch.Frequency);
            var end = measureStart + (long)(profile.EchoDuration.TotalSeconds * Stopwatch.Frequency);
            await context.WindowAsync($"S0-echo{n}", server, profile.EchoDuration, async () =>
            {
                await Task.WhenAll(peers.Take(n).Select(async p =>
                {
                    for (var k = 0; k < 50_000_000 && Stopwatch.GetTimestamp() < end; k++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        await p.Conn.InvokeAsync<string>("Echo", Clients.Text);
                        var t1 = Stopwatch.GetTimestamp();
                        if (t0 >= measureStart && t1 <= end)
                        {
                            lat.RecordTicks(t1 - t0);
                            Interlocked.Increment(ref count);
                        }
                    }
                }));
                return 0;
            });
            var r = count / profile.EchoDuration.TotalSeconds;
            var cpuUs = context.CpuUsPer(count, profile.Warmup + profile.EchoDuration, profile.EchoDuration);
            if (n == 1000)
            {
                baseline.EchoCpuUs1000 = cpuUs;
            }
            baseline.Echo[n] = (r, lat.Ms(50), lat.Ms(99));
            results.Add(new Row("S0", $"echo, {n} conns", "msg/s", r, null, "msg/s", $"closed loop; server CPU {Results.Fmt(cpuUs)} µs/msg"));
            results.Add(new Row("S0", $"echo, {n} conns", "p50 / p99", lat.Ms(50), null, "ms", $"p99 {Results.Fmt(lat.Ms(99))} ms"));
        }
        await Clients.DisposeAllAsync(peers);
        await warm.Conn.DisposeAsync();

        // Relay baselines with the same shapes as S1 and S2 (group broadcast, no Orleans, no storage). The pairs stay
        // connected; each MatchChat relay figure is compared with a baseline run measured right before it.
        if (context.Selected.Any(s => s.UsesRelayBaseline))
        {
            baseline.Pairs = await Relay.BaselinePairsAsync(server, profile.Pairs, options.SkipNegotiation);
            await Relay.ClosedLoopAsync(baseline.Pairs, TimeSpan.Zero, TimeSpan.FromSeconds(1), context.Tag("bw")); // JIT warm-up
        }
    }
}
