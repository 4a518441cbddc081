using MatchChat.Bench.Infra;
using MatchChat.Bench.Tail;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S2: the S1 conversations send open loop; latency from the scheduled send time, lost and reordered messages, against
/// the S0 relay open loop at the same rate measured right before. The rates are <see cref="BareFractions"/> of the bare
/// relay's closed-loop rate measured in the same run, right before (issue 12: "honestly loaded"), unless --rate gives
/// fixed ones. S3 runs the same loop on PostgreSQL (group commit).
/// </summary>
public sealed class S2OpenLoopRelay : Scenario
{
    /// <summary>25 % and 50 % of the bare relay's closed-loop rate.</summary>
    public static readonly double[] BareFractions = [0.25, 0.5];

    public override string Name => "S2";
    public override string Description => "relay latency, open loop at 25 % and 50 % of the bare closed-loop rate (or --rate msg/s): latency from the scheduled send, lost, reordered";
    public override bool UsesRelayBaseline => true;
    public override bool UsesInMemoryRelay => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        var relay = await context.InMemoryRelayAsync();
        var rates = await RatesAsync(context, "S2");
        // The bare relay is warm (S0's loops ran on it); a MatchChat server that only matched its pairs still runs
        // unoptimised code (thousands of methods jitted in the first seconds of load: docs/benchmarks.md, stop 18).
        // Same warm-up as S1's, outside the measured window.
        await Relay.ClosedLoopAsync(relay.Pairs, TimeSpan.Zero, context.Profile.Warmup, context.Tag("w"));
        await MeasureAsync(context, "S2", relay.Server, relay.Pairs, relay.Case, rates);
    }

    /// <summary>--rate if given; otherwise the fractions of a bare closed-loop run measured now (the last one when <paramref name="beforeWhat"/> is null).</summary>
    public static async Task<int[]> RatesAsync(ScenarioContext context, string? beforeWhat)
    {
        if (context.Options.Rates is { } fixedRates)
        {
            return fixedRates;
        }

        if (beforeWhat is not null)
        {
            await context.RelayBaselineClosedAsync(beforeWhat + " rates");
        }

        if (context.Baseline.RelayClosed is not { Rate: > 0 } bare)
        {
            context.Results.Note("S2: no bare closed-loop rate measured; open loop at the profile's fixed rates.");
            return context.Profile.OpenRates;
        }

        var rates = BareFractions.Select(f => Math.Max(100, (int)Math.Round(bare.Rate * f / 100) * 100)).Distinct().ToArray();
        context.Results.Note($"S2 rates ({beforeWhat ?? "S3"}): {string.Join(", ", rates)} msg/s = {string.Join(", ", BareFractions.Select(f => $"{f:P0}"))} of the bare closed-loop {bare.Rate:F0} msg/s measured right before");
        return rates;
    }

    /// <summary>One open-loop window per rate against the server's pairs, each after a bare open loop at the same rate.
    /// With <paramref name="pg"/>: PostgreSQL's CPU per delivered message over the window, and (MCBENCH_PG_STATS=1) its
    /// statements, commits and WAL.</summary>
    public static async Task MeasureAsync(ScenarioContext context, string scenario, ServerProcess server, List<RelayPair> pairs, string label, int[] rates, PrivatePostgres? pg = null)
    {
        var profile = context.Profile;
        var results = context.Results;
        foreach (var rate in rates)
        {
            await context.RelayBaselineOpenAsync(rate, scenario);
            var timeline = new OpenLoopTimeline();
            var counters = await RuntimeCounters.ScrapeAsync(server.BaseUri);
            if (pg is not null)
            {
                await pg.StatsAsync(reset: true);
            }
            var pg0 = pg?.CpuTicks() ?? 0;
            var open = await context.WindowAsync(scenario, server, profile.OpenDuration, () => Relay.OpenLoopAsync(pairs, rate, profile.OpenDuration, context.Tag("o"), timeline));
            var pgSeconds = ((pg?.CpuTicks() ?? 0) - pg0) / Proc.TicksPerSecond;
            if (pg is not null && await pg.StatsAsync(reset: false) is { } stats)
            {
                Log.Info($"S2 {rate} msg/s, {label}: PostgreSQL over the window and drain (MCBENCH_PG_STATS=1; rows per COPY = rows / calls):\n" + stats);
            }
            var b = context.Baseline.RelayOpen.TryGetValue(rate, out var bb) ? bb : ((double, double, double)?)null;
            TailReport.Write(context, scenario, label, rate, timeline, counters, await RuntimeCounters.ScrapeAsync(server.BaseUri), open.Received, b?.Item2);
            var cc = $"open loop {rate} msg/s, {label}";
            results.Add(new Row("S2", cc, "p50", open.Latency.Ms(50), b?.Item1, "ms"));
            results.Add(new Row("S2", cc, "p99", open.Latency.Ms(99), b?.Item2, "ms"));
            results.Add(new Row("S2", cc, "p99.9", open.Latency.Ms(99.9), b?.Item3, "ms"));
            results.Add(new Row("S2", cc, "delivered msg/s", open.AchievedPerSecond, rate, "msg/s", "ratio is to the target rate"));
            results.Add(new Row("S2", cc, "server CPU per delivered msg", context.CpuUsPer(open.Received, profile.OpenDuration, profile.OpenDuration), null, "µs", "CPU time of the server process over the window (sending and drain) / messages received"));
            if (pg is not null && open.Received > 0)
            {
                results.Add(new Row("S2", cc, "PostgreSQL CPU per delivered msg", pgSeconds * 1e6 / open.Received, null, "µs", "postmaster and its children (backends, WAL writer), window and drain"));
            }
            results.Add(new Row("S2", cc, "lost (must be 0)", open.Lost, null, "msgs", $"acknowledged but not at the peer within the 10 s drain; sent {open.Sent}, acked {open.Acked}, received by peer {open.Received}, send errors {open.Errors}{(open.LastError is null ? "" : " (" + open.LastError + ")")}"));
            results.Add(new Row("S2", cc, "reordered (must be 0)", open.ReorderedBySender + open.ReorderedBySeq, null, "msgs", $"by sender order {open.ReorderedBySender}, by seq {open.ReorderedBySeq}; seq gaps seen {open.SeqGaps}; mean send lateness {open.LateStartMs:F2} ms"));
        }
    }
}
