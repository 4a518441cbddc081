namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S2: the S1 conversations send open loop at each target rate; latency from the scheduled send time, lost and
/// reordered messages, against the S0 relay open loop at the same rate measured right before.
/// </summary>
public sealed class S2OpenLoopRelay : Scenario
{
    public override string Name => "S2";
    public override string Description => "relay latency, open loop at --rate msg/s: latency from the scheduled send, lost, reordered";
    public override bool UsesRelayBaseline => true;
    public override bool UsesInMemoryRelay => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        var profile = context.Profile;
        var results = context.Results;
        var relay = await context.InMemoryRelayAsync();
        foreach (var rate in context.Options.Rates ?? profile.OpenRates)
        {
            await context.RelayBaselineOpenAsync(rate, "S2");
            var open = await context.WindowAsync("S2", relay.Server, profile.OpenDuration, () => Relay.OpenLoopAsync(relay.Pairs, rate, profile.OpenDuration, context.Tag("o")));
            var b = context.Baseline.RelayOpen.TryGetValue(rate, out var bb) ? bb : ((double, double, double)?)null;
            var cc = $"open loop {rate} msg/s, {relay.Case}";
            results.Add(new Row("S2", cc, "p50", open.Latency.Ms(50), b?.Item1, "ms"));
            results.Add(new Row("S2", cc, "p99", open.Latency.Ms(99), b?.Item2, "ms"));
            results.Add(new Row("S2", cc, "p99.9", open.Latency.Ms(99.9), b?.Item3, "ms"));
            results.Add(new Row("S2", cc, "delivered msg/s", open.AchievedPerSecond, rate, "msg/s", "ratio is to the target rate"));
            results.Add(new Row("S2", cc, "lost (must be 0)", open.Lost, null, "msgs", $"sent {open.Sent}, acked {open.Acked}, received by peer {open.Received}, send errors {open.Errors}{(open.LastError is null ? "" : " (" + open.LastError + ")")}"));
            results.Add(new Row("S2", cc, "reordered (must be 0)", open.ReorderedBySender + open.ReorderedBySeq, null, "msgs", $"by sender order {open.ReorderedBySender}, by seq {open.ReorderedBySeq}; seq gaps seen {open.SeqGaps}; mean send lateness {open.LateStartMs:F2} ms"));
        }
    }
}
