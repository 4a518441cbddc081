using MatchChat.Bench.Infra;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// Issue 12's 1,000-connection rows: the relay at 1,000 connections (500 conversations), against the bare relay with 500
/// pairs measured right before. S1 runs it in memory, S3 on PostgreSQL (with the PostgreSQL CPU per message). Its
/// messages are not part of S3's acknowledged-equals-stored check (the 100-connection run is).
/// </summary>
public static class LargeRelayCase
{
    private const int Large = 500;

    public static async Task RunAsync(ScenarioContext context, string scenario, ServerProcess server, HttpClient http, string store, PrivatePostgres? pg)
    {
        var profile = context.Profile;
        var (savedClosed, savedCpu) = (context.Baseline.RelayClosed, context.Baseline.RelayCpuUs);
        var bare = await Relay.BaselinePairsAsync(context.EchoServer, Large, context.Options.SkipNegotiation);
        List<RelayPair> pairs = [];
        try
        {
            await Relay.ClosedLoopAsync(bare, TimeSpan.Zero, profile.Warmup, context.Tag("bw1k"));
            var closed = await context.WindowAsync($"S0-relay({scenario} 1000 conns)", context.EchoServer, profile.RelayDuration,
                () => Relay.ClosedLoopAsync(bare, TimeSpan.Zero, profile.RelayDuration, context.Tag("b1k")));
            context.Baseline.RelayClosed = (closed.DeliveredPerSecond, closed.Latency.Ms(50), closed.Latency.Ms(99));
            context.Baseline.RelayCpuUs = context.CpuUsPer(closed.Delivered, profile.RelayDuration, profile.RelayDuration);
            context.Results.Add(new Row("S0", $"relay, {Large * 2} conns as {Large} pairs, before {scenario} {store}", "delivered msg/s", closed.DeliveredPerSecond, null, "msg/s",
                $"closed loop; p50 {Results.Fmt(closed.Latency.Ms(50))} ms, p99 {Results.Fmt(closed.Latency.Ms(99))} ms; server CPU {Results.Fmt(context.Baseline.RelayCpuUs ?? double.NaN)} µs/msg"));
            pairs = await Relay.MatchChatPairsAsync(server, http, Large, context.Options.SkipNegotiation, context.Results);
            var (res, pgSeconds) = await S1InMemoryRelay.MeasureAsync(context, scenario, store, server, pairs, $"{Large * 2} conns", pg);
            if (pg is not null && res.Delivered > 0)
            {
                context.Results.Add(new Row(scenario, $"{store}, {Large * 2} conns", "PostgreSQL CPU per delivered msg", pgSeconds * 1e6 / res.Delivered, null, "µs",
                    "postmaster and its children (backends, WAL writer), same window"));
            }
        }
        finally
        {
            (context.Baseline.RelayClosed, context.Baseline.RelayCpuUs) = (savedClosed, savedCpu);
            await Clients.DisposeAllAsync(bare.SelectMany(p => new[] { p.A, p.B }).Concat(pairs.SelectMany(p => new[] { p.A, p.B })));
        }
    }
}
