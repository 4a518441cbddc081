using MatchChat.Bench.Infra;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S1: 50 conversations on the in-memory store ping-pong, closed loop; delivered msg/s, send→peer latency and server
/// CPU per message against the S0 relay of the same shape measured right before; in the full pass also 1,000
/// connections (500 conversations) on a fresh server.
/// </summary>
public sealed class S1InMemoryRelay : Scenario
{
    public override string Name => "S1";
    public override string Description => "relay throughput: conversations ping-pong, closed loop, in-memory store";
    public override bool UsesRelayBaseline => true;
    public override bool UsesInMemoryRelay => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        var relay = await context.InMemoryRelayAsync();
        await context.RelayBaselineClosedAsync("S1");
        await MeasureAsync(context, "S1", "in-memory", relay.Server, relay.Pairs, relay.Case);
        await MeasureAckWaitAsync(context, relay.Server, relay.Pairs);
        if (context.Profile.Name == "full")
        {
            // Issue 12's 1,000-connection row in memory, on a server of its own (S2 keeps the shared one as it was).
            await using var server = await context.StartMatchChatAsync("matchchat-s1-1k", "matchchat-s1-1k.log");
            using var http = Clients.NewHttp(server.BaseUri);
            await LargeRelayCase.RunAsync(context, "S1", server, http, "in-memory", null);
        }
    }

    /// <summary>
    /// The outside client's shape (issue 12): every connection sends and awaits its acknowledgement, 100 senders; the bare
    /// relay first, then MatchChat, each in its own CPU window.
    /// </summary>
    private static async Task MeasureAckWaitAsync(ScenarioContext context, ServerProcess server, List<RelayPair> pairs)
    {
        if (context.Baseline.Pairs is not { } basePairs)
        {
            return;
        }

        var profile = context.Profile;
        await AckLoop.RunAsync(basePairs, TimeSpan.Zero, profile.Warmup, context.Tag("aw"));
        var bare = await context.WindowAsync("S0-ackwait(S1)", context.EchoServer, profile.RelayDuration, () => AckLoop.RunAsync(basePairs, TimeSpan.Zero, profile.RelayDuration, context.Tag("ab")));
        var bareCpu = context.CpuUsPer(bare.Acked, profile.RelayDuration, profile.RelayDuration);
        var mine = await context.WindowAsync("S1-ackwait", server, profile.RelayDuration, () => AckLoop.RunAsync(pairs, TimeSpan.Zero, profile.RelayDuration, context.Tag("am")));
        var cpu = context.CpuUsPer(mine.Acked, profile.RelayDuration, profile.RelayDuration);
        var cc = $"in-memory, {pairs.Count * 2} senders awaiting each acknowledgement";
        context.Results.Add(new Row("S1", cc, "acknowledged msg/s", mine.AckedPerSecond, bare.AckedPerSecond, "msg/s", "the outside client's shape: every connection sends, awaits the answer, sends again; baseline = S0 relay, same shape, right before"));
        context.Results.Add(new Row("S1", cc, "server CPU per acknowledged msg", cpu, bareCpu, "µs"));
        context.Results.Add(new Row("S1", cc, "p99 send→acknowledgement", mine.Latency.Ms(99), bare.Latency.Ms(99), "ms", $"p50 {Results.Fmt(mine.Latency.Ms(50))} vs {Results.Fmt(bare.Latency.Ms(50))} ms; errors {mine.Errors} / {bare.Errors}"));
    }

    /// <summary>
    /// The S1 measurement (also S3's): warm-up, then one closed-loop window, and its rows against the last S0 relay
    /// figures. With pg, also the CPU seconds PostgreSQL used over the window.
    /// </summary>
    public static async Task<(ClosedLoopResult Result, double PgSeconds)> MeasureAsync(
        ScenarioContext context, string scenario, string store, ServerProcess server, List<RelayPair> pairs, string c, PrivatePostgres? pg = null)
    {
        var profile = context.Profile;
        var results = context.Results;
        var baseline = context.Baseline;
        var warm = await Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, profile.Warmup, context.Tag(scenario.ToLowerInvariant() + "w")); // JIT and activations, not measured
        var pg0 = pg?.CpuTicks() ?? 0;
        var res = await context.WindowAsync(scenario, server, profile.RelayDuration, () => Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, profile.RelayDuration, context.Tag(scenario.ToLowerInvariant())));
        var pgSeconds = ((pg?.CpuTicks() ?? 0) - pg0) / Proc.TicksPerSecond;
        res.Acked.AddRange(warm.Acked); // the durability check covers the warm-up messages too
        var cc = $"{store}, {c}";
        results.Add(new Row(scenario, cc, "server CPU per delivered msg", context.CpuUsPer(res.Delivered, profile.RelayDuration, profile.RelayDuration), baseline.RelayCpuUs, "µs",
            "CPU time of the server process over the window / messages; robust to other load on the machine"));
        results.Add(new Row(scenario, cc, "delivered msg/s", res.DeliveredPerSecond, baseline.RelayClosed?.Rate, "msg/s", "closed loop; baseline = S0 relay, same shape"));
        results.Add(new Row(scenario, cc, "p50 send→peer", res.Latency.Ms(50), baseline.RelayClosed?.P50, "ms"));
        results.Add(new Row(scenario, cc, "p99 send→peer", res.Latency.Ms(99), baseline.RelayClosed?.P99, "ms"));
        if (res.Errors > 0 || res.Lost > 0)
        {
            results.Note($"{scenario} {store}: {res.Errors} send errors, {res.Lost} not delivered within 10 s; last error: {res.LastError}");
        }
        return (res, pgSeconds);
    }
}
