using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S3: S1 again, on a private PostgreSQL with and without group commit when there is one (--pg), then every
/// acknowledged message must be in GetHistory; the full pass checks after kill -9 of the server and a restart.
/// </summary>
public sealed class S3Durability : Scenario
{
    public override string Name => "S3";
    public override string Description => "durability: S1 on PostgreSQL (--pg), then acknowledged = stored, after kill -9 in the full pass";
    public override bool UsesRelayBaseline => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var storeExists = Directory.Exists(Path.Combine(context.Root, "src/Grains/MatchChat.Storage.Postgres"));
        var havePg = PrivatePostgres.FindTool("initdb") is not null;
        var usePg = options.Postgres switch
        {
            "on" => true,
            "off" => false,
            _ => storeExists && havePg,
        };
        if (usePg)
        {
            await using var pg = await PrivatePostgres.StartAsync();
            // S3_GROUP_COMMIT_ONLY=1: only the 100-connection group-commit case and its durability check (for profiling runs).
            var only100 = Environment.GetEnvironmentVariable("S3_GROUP_COMMIT_ONLY") == "1";
            // S3_ONE_ROW=0: every group-commit row (100 and 1,000 connections, S2 on PostgreSQL with --only S2,S3) but
            // not the one-row-per-transaction comparison.
            var oneRow = !only100 && Environment.GetEnvironmentVariable("S3_ONE_ROW") != "0";
            foreach (var groupCommit in oneRow ? new[] { true, false } : new[] { true })
            {
                var name = groupCommit ? "PostgreSQL, group commit" : "PostgreSQL, one row per transaction";
                var env = context.MatchChatEnv(pg.ConnectionString, groupCommit);
                ServerProcess server;
                try
                {
                    server = await context.StartMatchChatAsync($"matchchat-pg-gc{(groupCommit ? 1 : 0)}", $"matchchat-s3-gc{(groupCommit ? 1 : 0)}.log", env);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                {
                    context.Results.Note($"S3: MatchChat did not start on PostgreSQL ({ex.Message.Split('\n')[0]}); falling back to the in-memory store.");
                    usePg = false;
                    break;
                }
                try
                {
                    server = await CaseAsync(context, server, name, env, $"matchchat-s3-gc{(groupCommit ? 1 : 0)}", pg);
                }
                finally
                {
                    await server.DisposeAsync();
                }
            }
        }
        if (!usePg)
        {
            context.Results.Note($"S3 ran on the in-memory store, so it shows the acknowledged-equals-stored check and not PostgreSQL cost (PostgreSQL store project present: {storeExists}, initdb found: {havePg}, --pg {options.Postgres}).");
            await using var server = await context.StartMatchChatAsync("matchchat-s3", "matchchat-s3-mem.log");
            await CaseAsync(context, server, "in-memory", null, null, null);
        }
    }

    /// <summary>Runs S1 against the server, then checks every acknowledged message is in GetHistory (after a hard restart in the full pass).</summary>
    private static async Task<ServerProcess> CaseAsync(ScenarioContext context, ServerProcess server, string store, Dictionary<string, string>? env, string? logName, PrivatePostgres? pg)
    {
        var options = context.Options;
        var profile = context.Profile;
        var results = context.Results;
        using var http = Clients.NewHttp(server.BaseUri);
        var pairs = await Relay.MatchChatPairsAsync(server, http, profile.Pairs, options.SkipNegotiation, results);
        await context.RelayBaselineClosedAsync("S3 " + store);
        if (pg is not null)
        {
            await pg.StatsAsync(reset: true); // MCBENCH_PG_STATS=1 only: statements, commits and WAL of the window below
        }
        var (res, pgSeconds) = await S1InMemoryRelay.MeasureAsync(context, "S3", store, server, pairs, $"{pairs.Count * 2} conns", pg);
        if (pg is not null && await pg.StatsAsync(reset: false) is { } stats)
        {
            Log.Info($"S3 {store}, {pairs.Count * 2} conns: PostgreSQL over the warm-up and window (MCBENCH_PG_STATS=1; rows per COPY = rows / calls):\n" + stats);
        }
        if (pg is not null && res.Delivered > 0)
        {
            results.Add(new Row("S3", $"{store}, {pairs.Count * 2} conns", "PostgreSQL CPU per delivered msg", pgSeconds * 1e6 / res.Delivered, null, "µs",
                "postmaster and its children (backends, WAL writer), same window"));
        }
        if (pg is not null && store.Contains("group commit", StringComparison.Ordinal) && profile.Name == "full" && Environment.GetEnvironmentVariable("S3_GROUP_COMMIT_ONLY") != "1")
        {
            await LargeRelayCase.RunAsync(context, "S3", server, http, store, pg);
        }
        if (pg is not null && store.Contains("group commit", StringComparison.Ordinal) && context.Options.Runs("S2"))
        {
            // S2 on PostgreSQL: the same open loop, at fractions of the bare closed-loop rate measured just before S3.
            var rates = await S2OpenLoopRelay.RatesAsync(context, null);
            await S2OpenLoopRelay.MeasureAsync(context, "S2", server, pairs, $"{store}, {pairs.Count * 2} conns", rates, pg);
        }

        var restarted = false;
        var readers = pairs.Select(p => (p.A, p.Channel)).ToList();
        if (profile.RestartCheck && env is not null && logName is not null)
        {
            await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
            var port = server.Port;
            await server.DisposeAsync(); // SIGKILL: acknowledged messages must survive a crash
            server = await context.StartMatchChatAsync(server.Name + "-restarted", logName + "-restart.log", env, port);
            restarted = true;
            var hub = new Uri(server.BaseUri, "/hubs/chat");
            var fresh = new List<(Peer, string)>();
            foreach (var (peer, channel) in readers)
            {
                var np = Clients.NewPeer(peer.Index, hub, peer.Member, options.SkipNegotiation);
                await np.Conn.StartAsync();
                fresh.Add((np, channel));
            }
            readers = fresh;
        }
        long missing = 0, mismatched = 0, stored = 0;
        var byChannel = res.Acked.GroupBy(m => m.Channel).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (peer, channel) in readers)
        {
            var seen = new Dictionary<long, Message>();
            long? after = 0; // ascending pages from the first message (afterSeq null means "the latest page")
            for (var page = 0; page < 10_000; page++)
            {
                var batch = await peer.Conn.InvokeAsync<Message[]>("GetHistory", channel, after, null, 200);
                foreach (var m in batch)
                {
                    seen[m.Seq] = m;
                }
                if (batch.Length < 200)
                {
                    break;
                }
                after = batch[^1].Seq;
            }
            stored += seen.Count;
            foreach (var a in byChannel.GetValueOrDefault(channel) ?? [])
            {
                if (!seen.TryGetValue(a.Seq, out var s))
                {
                    missing++;
                }
                else if (s.ClientMessageId != a.ClientMessageId || s.Text != a.Text)
                {
                    mismatched++;
                }
            }
        }
        results.Add(new Row("S3", store, "acknowledged but not stored (must be 0)", missing + mismatched, null, "msgs",
            $"{res.Acked.Count} acknowledged, {stored} in history{(restarted ? " after kill -9 and restart" : "")}; {mismatched} stored with other content"));
        await Clients.DisposeAllAsync(readers.Select(r => r.Item1));
        if (!restarted)
        {
            await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
        }
        return server;
    }
}
