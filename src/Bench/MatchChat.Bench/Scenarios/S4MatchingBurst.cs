using System.Diagnostics;
using MatchChat.Bench.Infra;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S4: L listeners (capacity 2) and M seekers; all seekers request a listener in back-to-back waves and listeners
/// accept every offer (each burst: S4Round). Assignments/s, request→offer and request→Matched, server CPU per request, listeners ever over
/// capacity and FIFO violations between waves (docs/benchmarks.md).
/// </summary>
public sealed class S4MatchingBurst : Scenario
{
    public override string Name => "S4";
    public override string Description => "matching burst: --seekers request in 10 waves, --listeners x 2 accept; rate, latency, capacity, FIFO";

    public override async Task RunAsync(ScenarioContext context)
    {
        if (context.Options.Postgres == "only")
        {
        }
        else if (!context.Options.MeaningBoth)
        {
            await RunOnceAsync(context, null);
        }
        else
        {
            foreach (var meaning in new[] { false, true })
            {
                await RunOnceAsync(context, meaning);
            }
        }

        // The production mode too (as S3 and S8): grain state, reminders and the queue's writes on a private PostgreSQL.
        var storeExists = Directory.Exists(Path.Combine(context.Root, "src/Grains/MatchChat.Storage.Postgres"));
        var usePg = context.Options.Postgres switch
        {
            "on" or "only" => true,
            "off" => false,
            _ => storeExists && PrivatePostgres.FindTool("initdb") is not null,
        };
        if (usePg)
        {
            await using var pg = await PrivatePostgres.StartAsync();
            await RunOnceAsync(context, null, pg);
        }
    }

    /// <summary>
    /// <paramref name="meaning"/> null: the server's default, no texts; else meaning off or on, with bios and notes (S4Texts).
    /// <paramref name="pg"/>: on that PostgreSQL (its CPU reported per request too), else in memory.
    /// </summary>
    private static async Task RunOnceAsync(ScenarioContext context, bool? meaning, PrivatePostgres? pg = null)
    {
        var connectionString = pg?.ConnectionString;
        var options = context.Options;
        var profile = context.Profile;
        var results = context.Results;
        var s4Budget = TimeSpan.FromSeconds(profile.Name == "quick" ? 45 : 240);
        const int capacity = 2;
        var m = profile.Seekers;
        var l = profile.Listeners;
        Log.Info($"S4: matching burst, {m} seekers, {l} listeners x {capacity}{(connectionString is null ? "" : ", PostgreSQL")}");
        var env = context.MatchChatEnv(connectionString);
        if (meaning is { } on)
        {
            env["MatchChat__Matching__Meaning"] = on ? "true" : "false";
        }

        var mode = meaning switch { null => "", true => "-meaning-on", false => "-meaning-off" } + (connectionString is null ? "" : "-pg");
        await using var server = await context.StartMatchChatAsync("matchchat-s4" + mode, $"matchchat-s4{mode}.log", env);
        using var http = Clients.NewHttp(server.BaseUri);
        var setup = Stopwatch.StartNew();
        var (listeners, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", l, members: true, options.SkipNegotiation, 64, http, 0);
        var (seekers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", m, members: true, options.SkipNegotiation, 64, http, l);
        Log.Info($"S4: {l + m} members created and connected in {setup.Elapsed.TotalSeconds:F1}s");

        // Each burst is an S4Round; the handlers below report to the current one. A listener's open conversations are
        // counted across bursts (the capacity check), from its Matched and ConversationEnded events.
        var open = new HashSet<string>[l];
        S4Round? round = null;
        for (var i = 0; i < l; i++)
        {
            var idx = i;
            var mine = open[i] = [];
            listeners[i].OnOffer = (p, o) =>
            {
                int n;
                lock (mine)
                {
                    n = mine.Count;
                }
                round?.Offered(idx, p, o, n);
            };
            listeners[i].OnMatched = (_, c) =>
            {
                int n;
                lock (mine)
                {
                    mine.Add(c.ConversationId);
                    n = mine.Count;
                }
                round?.ListenerOpen(idx, n);
            };
            listeners[i].OnEnded = (_, e) =>
            {
                lock (mine)
                {
                    mine.Remove(e.ConversationId);
                }
            };
        }
        for (var i = 0; i < m; i++)
        {
            var idx = i;
            seekers[i].OnMatched = (_, c) => round?.SeekerMatched(idx, c);
        }
        int OpenConversations() => open.Sum(o =>
        {
            lock (o)
            {
                return o.Count;
            }
        });
        await MatchingPeers.VolunteerAsync(listeners, "grief", capacity, meaning is null ? null : S4Texts.Bio);
        if (!options.S4Cold)
        {
            await S4WarmUp.RunAsync(context, server.BaseUri, http, l + m, capacity, meaning);
        }
        await Task.Delay(1000);

        var c = $"{m} seekers, {l} listeners x {capacity}{meaning switch { null => "", true => ", meaning on", false => ", meaning off" }}{(connectionString is null ? "" : ", PostgreSQL")}";
        var bursts = Math.Max(1, options.S4Bursts);
        var figures = new List<(double Rate, double CpuMs, double P99OfferMs, double P99TicketMs)>();
        for (var b = 0; b < bursts; b++)
        {
            if (round is not null)
            {
                await round.ResetAsync(seekers, OpenConversations);
            }
            var current = new S4Round(m, l, capacity);
            if (pg is not null)
            {
                await pg.StatsAsync(reset: true);
            }
            var pgTicks0 = pg?.CpuTicks() ?? 0;
            var countersBefore = await Tail.RuntimeCounters.ScrapeAsync(server.BaseUri);
            round = current;
            await current.RunAsync(context, server, seekers, i => meaning is null ? null : S4Texts.Note(i), s4Budget);
            var s4CpuSeconds = context.LastServerCpuSeconds;
            var countersAfter = await Tail.RuntimeCounters.ScrapeAsync(server.BaseUri);
            double? pgCpuSeconds = pg is null ? null : (pg.CpuTicks() - pgTicks0) / Proc.TicksPerSecond;
            if (pg is not null && await pg.StatsAsync(reset: false) is { } stats)
            {
                Log.Info("S4: PostgreSQL over the burst window (MCBENCH_PG_STATS=1):\n" + stats);
            }
            await Task.Delay(1000); // late ConversationEnded/Matched events for the capacity check
            current.Report(context, bursts == 1 ? c : $"{c}, burst {b + 1} of {bursts}", s4CpuSeconds, countersBefore, countersAfter, pgCpuSeconds);
            figures.Add(current.Figures);
        }
        if (bursts > 1)
        {
            static double Median(IEnumerable<double> xs)
            {
                var a = xs.Order().ToArray();
                return a.Length % 2 == 1 ? a[a.Length / 2] : (a[(a.Length / 2) - 1] + a[a.Length / 2]) / 2;
            }
            context.Results.Note($"S4 {c}: median of {bursts} bursts in one server: {Median(figures.Select(x => x.Rate)):F0} assignments/s, "
                + $"{Median(figures.Select(x => x.CpuMs)):F2} ms server CPU per request, p99 request→offer {Median(figures.Select(x => x.P99OfferMs)):F0} ms, "
                + $"p99 request→ticket {Median(figures.Select(x => x.P99TicketMs)):F0} ms (each burst: "
                + string.Join("; ", figures.Select(x => $"{x.Rate:F0}/s {x.CpuMs:F2} ms")) + ")");
        }
        if (options.GcDump)
        {
            // What a run of bursts leaves on the heap: members, queues, the last burst's conversations, ended ones until they go.
            await context.GcDumpAsync("S4-end", server);
        }
        await Clients.DisposeAllAsync(listeners.Concat(seekers));
    }
}
