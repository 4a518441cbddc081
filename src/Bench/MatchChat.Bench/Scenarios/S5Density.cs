using System.Diagnostics;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S5: a fresh MatchChat, then members created, connected and activated (GetMe) up to each density step; RSS per
/// member and idle CPU against S0's idle connections.
/// </summary>
public sealed class S5Density : Scenario
{
    public override string Name => "S5";
    public override string Description => "density: members connected and activated; RSS per member and idle CPU against S0";

    public override async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var profile = context.Profile;
        var results = context.Results;
        var baseline = context.Baseline;
        Log.Info("S5: density");
        await using var server = await context.StartMatchChatAsync("matchchat-s5", "matchchat-s5.log");
        using var http = Clients.NewHttp(server.BaseUri);
        var (warm, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", 1, members: true, options.SkipNegotiation, 1, http, -1);
        await warm[0].Conn.InvokeAsync<System.Text.Json.JsonElement>("GetMe");
        await Task.Delay(2000);
        await context.SettleAsync(server.Pid);
        if (options.GcDump)
        {
            // The fixed heap (the language model's tokenizer, Orleans, caches) that the per-member split subtracts.
            await context.GcDumpAsync("S5-0", server);
            await Task.Delay(2000);
        }
        var (rss0, anon0) = server.Memory();
        var cpu0 = new CpuWindow(server.Pid);
        await Task.Delay(profile.IdleCpuWindow);
        var idle0 = cpu0.Stop();
        results.Add(new Row("S5", "0 members (after start)", "server idle CPU", idle0.CpuPercent, null, "% of a core", $"RSS {rss0 / 1024} MB"));
        var all = new List<Peer>();
        foreach (var target in profile.Density.Where(n => n <= FileLimit.MaxConnections))
        {
            var add = target - all.Count;
            var sw = Stopwatch.StartNew();
            var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", add, members: true, options.SkipNegotiation, 64, http, all.Count);
            await Clients.ForAsync(peers.Length, 64, async i => await peers[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("GetMe"), TimeSpan.FromMinutes(5));
            var rate = add / sw.Elapsed.TotalSeconds;
            all.AddRange(peers);
            await Task.Delay(2000);
            await context.SettleAsync(server.Pid);
            var (rss, anon) = server.Memory();
            var cpu = new CpuWindow(server.Pid);
            await Task.Delay(profile.IdleCpuWindow);
            var idle = cpu.Stop();
            var c = $"{target} members connected";
            var step = baseline.NearestIdleStep(target);
            results.Add(new Row("S5", c, "server RSS per member", (rss - rss0) / (double)target, baseline.IdleKbPerConnAt.GetValueOrDefault(step, baseline.IdleKbPerConn ?? double.NaN), "KB",
                $"RSS {rss0 / 1024} → {rss / 1024} MB; anon {(anon - anon0) / (double)target:F1} KB/member; baseline = S0 per idle conn at {step}"));
            results.Add(new Row("S5", c, "server idle CPU", idle.CpuPercent, baseline.IdleCpuAt.GetValueOrDefault(step, baseline.IdleCpu ?? double.NaN), "% of a core", $"baseline = S0 at {step} idle conns; threads: {idle.Describe(3)}"));
            results.Add(new Row("S5", c, "create+connect+GetMe rate", rate, baseline.ConnectRate, "members/s", "baseline = S0 bare connect rate"));
        }
        if (options.DensityHold is { } hold && all.Count > 0)
        {
            // Members that stay connected: activations that are only touched at creation or connect (handle, check-in
            // inbox) reach their collection age; the same measurement again.
            Log.Info($"S5: holding {all.Count} members connected for {hold.TotalSeconds:F0} s");
            await Task.Delay(hold);
            await context.SettleAsync(server.Pid);
            var (rss, anon) = server.Memory();
            var cpu = new CpuWindow(server.Pid);
            await Task.Delay(profile.IdleCpuWindow);
            var idle = cpu.Stop();
            var step = baseline.NearestIdleStep(all.Count);
            var c = $"{all.Count} members, connected {hold.TotalSeconds:F0} s more";
            results.Add(new Row("S5", c, "server RSS per member", (rss - rss0) / (double)all.Count, baseline.IdleKbPerConnAt.GetValueOrDefault(step, double.NaN), "KB",
                $"RSS {rss0 / 1024} → {rss / 1024} MB; anon {(anon - anon0) / (double)all.Count:F1} KB/member; baseline = S0 per idle conn at {step}"));
            results.Add(new Row("S5", c, "server idle CPU", idle.CpuPercent, baseline.IdleCpuAt.GetValueOrDefault(step, double.NaN), "% of a core", $"threads: {idle.Describe(3)}"));
        }
        if (options.GcDump)
        {
            await context.GcDumpAsync("S5", server);
        }
        results.Note($"S5: client sockets from {SourceAddresses.Count} loopback source address(es); open-file limit {FileLimit.EnsureAtLeast(0)}");
        await Clients.DisposeAllAsync(all.Concat(warm));
    }
}
