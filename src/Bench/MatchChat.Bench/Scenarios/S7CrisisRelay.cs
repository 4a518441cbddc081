using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S7 [crisis]: the S1 relay (conversations ping-pong, closed loop, in-memory store) on two fresh servers, crisis
/// detection off and on (the on server has loaded the model first), each against the bare S0 relay; the server CPU the
/// detection adds per message; the screen's own time per text (from /metrics); and, while the relay keeps running on the
/// on server, the time from a room member's SendMessage call carrying crisis language to that member's CrisisResources.
/// </summary>
public sealed partial class S7CrisisRelay : Scenario
{
    private const string CrisisText = "I want to kill myself, I can't do this anymore";

    public override string Name => "S7";
    public override string Description => "crisis screen: S1 relay with detection off and on (ratio to bare), CPU per message, CrisisResources latency under load";
    public override bool UsesRelayBaseline => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        await context.RelayBaselineClosedAsync("S7");
        var cpu = new Dictionary<bool, double>();
        var rate = new Dictionary<bool, double>();
        foreach (var enabled in new[] { false, true })
        {
            var label = enabled ? "detection on" : "detection off";
            var logFile = $"matchchat-s7-{(enabled ? "on" : "off")}.log";
            var env = context.MatchChatEnv();
            env["MatchChat__Crisis__Enabled"] = enabled ? "true" : "false";
            env["Logging__LogLevel__MatchChat.Grains.Crisis"] = "Information";
            await using var server = await context.StartMatchChatAsync($"matchchat-crisis-{(enabled ? "on" : "off")}", logFile, env);
            using var http = Clients.NewHttp(server.BaseUri);
            if (enabled && !await ModelReadyAsync(Path.Combine(context.LogDir, logFile)))
            {
                context.Results.Note("S7: the crisis model did not report ready within 120 s; 'detection on' ran with the phrase screen only");
            }

            var pairs = await Relay.MatchChatPairsAsync(server, http, context.Profile.Pairs, context.Options.SkipNegotiation, context.Results);
            try
            {
                var (result, _) = await S1InMemoryRelay.MeasureAsync(context, "S7", label, server, pairs, $"{pairs.Count * 2} conns as {pairs.Count} conversations");
                cpu[enabled] = context.CpuUsPer(result.Delivered, context.Profile.RelayDuration, context.Profile.RelayDuration);
                rate[enabled] = result.DeliveredPerSecond;
                if (enabled)
                {
                    await ScreenTimeAsync(context, http);
                    await CrisisLatencyAsync(context, server, http, pairs);
                }
            }
            finally
            {
                await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
            }
        }

        context.Results.Add(new Row("S7", "on vs off", "server CPU added per delivered msg", cpu[true] - cpu[false], null, "µs",
            $"off {Results.Fmt(cpu[false])} µs, on {Results.Fmt(cpu[true])} µs; the seekers' relay text holds a model cue word (\"ready\"), so half the messages are model candidates (the realistic mix in docs/crisis-detector.md: 16%)"));
        context.Results.Add(new Row("S7", "on / off", "delivered msg/s ratio", rate[true] / rate[false], null, "×", "closed loop, same shape"));
    }

    private static async Task<bool> ModelReadyAsync(string logPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(logPath))
            {
                await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                if ((await reader.ReadToEndAsync()).Contains("model ready", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            await Task.Delay(500);
        }

        return false;
    }

    /// <summary>The screen's mean time per text over the run so far, from the server's histogram.</summary>
    private static async Task ScreenTimeAsync(ScenarioContext context, HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        double Sum(string name) => MetricLine().Matches(text).Where(m => m.Groups[1].Value == name)
            .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var count = Sum("matchchat_crisis_screen_duration_seconds_count");
        var seconds = Sum("matchchat_crisis_screen_duration_seconds_sum");
        if (count > 0)
        {
            context.Results.Add(new Row("S7", "detection on", "screen time per text", seconds / count * 1e6, null, "µs",
                $"{count:F0} texts screened (wall time inside the detector, on a busy machine)"));
        }

        var byModel = ScreenedLine().Matches(text).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        var total = byModel.Values.Sum();
        if (total > 0)
        {
            context.Results.Add(new Row("S7", "detection on", "texts read by the model", byModel.GetValueOrDefault("yes") / total * 100, null, "%",
                $"phrase screen only {byModel.GetValueOrDefault("no"):F0}, model {byModel.GetValueOrDefault("yes"):F0}, model wanted but busy (screen reading kept) {byModel.GetValueOrDefault("skipped"):F0}"));
        }
    }

    /// <summary>Room members send crisis messages while the relay keeps running: SendMessage call → CrisisResources at the writer.</summary>
    private static async Task CrisisLatencyAsync(ScenarioContext context, ServerProcess server, HttpClient http, List<RelayPair> pairs)
    {
        var probes = Math.Max(4, context.Profile.Pairs / 5);
        var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", probes, members: true, context.Options.SkipNegotiation, 8, http, 100_000);
        var latency = new Latency();
        var missed = 0;
        var load = Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, context.Profile.RelayDuration + TimeSpan.FromSeconds(30), context.Tag("s7l"));
        try
        {
            await Clients.ForAsync(probes, 8, async i =>
            {
                var peer = peers[i];
                await peer.Conn.InvokeAsync<JsonElement>("JoinRoom", "grief");
                for (var k = 0; k < 5; k++)
                {
                    var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    using var handler = peer.Conn.On<JsonElement>("CrisisResources", _ => arrived.TrySetResult());
                    var started = Stopwatch.GetTimestamp();
                    await peer.Conn.InvokeAsync<JsonElement>("SendMessage", "room:grief", $"s7-{i}-{k}-{Guid.NewGuid():N}", CrisisText);
                    if (await Task.WhenAny(arrived.Task, Task.Delay(TimeSpan.FromSeconds(10))) == arrived.Task)
                    {
                        latency.RecordTicks(Stopwatch.GetTimestamp() - started);
                    }
                    else
                    {
                        Interlocked.Increment(ref missed);
                    }

                    await Task.Delay(200);
                }
            }, TimeSpan.FromMinutes(3));
        }
        finally
        {
            await load;
            await Clients.DisposeAllAsync(peers);
        }

        context.Results.Add(new Row("S7", $"{probes} room members × 5 crisis messages under the relay load", "CrisisResources p50", latency.Ms(50), null, "ms",
            $"p99 {Results.Fmt(latency.Ms(99))} ms, max {Results.Fmt(latency.MaxMs)} ms, {latency.Count} measured, {missed} missing after 10 s; from the SendMessage call to the event at the writer"));
    }

    [GeneratedRegex(@"^matchchat_crisis_screened_total\{[^}]*model=""([a-z]+)""[^}]*\} ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex ScreenedLine();

    [GeneratedRegex(@"^(matchchat_crisis_screen_duration_seconds_(?:sum|count))(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex MetricLine();
}
