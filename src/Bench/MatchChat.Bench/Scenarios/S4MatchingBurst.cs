using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S4: L listeners (capacity 2) and M seekers; all seekers request a listener in back-to-back waves and listeners
/// accept every offer. Assignments/s, request→offer and request→Matched, server CPU per request, listeners ever over
/// capacity and FIFO violations between waves (docs/benchmarks.md).
/// </summary>
public sealed class S4MatchingBurst : Scenario
{
    private const int Waves = 10;
    private const int FifoToleranceMs = 50;

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

        var offerTs = new ConcurrentDictionary<string, long>();
        var acceptedTs = new ConcurrentDictionary<string, long>();
        var states = listeners.Select(_ => new ListenerState()).ToArray();
        long offers = 0, acceptErrors = 0;
        string? lastAcceptError = null;
        for (var i = 0; i < l; i++)
        {
            var st = states[i];
            listeners[i].OnOffer = (p, o) =>
            {
                offerTs.TryAdd(o.RequestId, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref offers);
                lock (st)
                {
                    if (st.Open.Count >= capacity)
                    {
                        st.OffersWhileFull++;
                    }
                }
                _ = AcceptAsync(p, o);
            };
            listeners[i].OnMatched = (_, c) =>
            {
                lock (st)
                {
                    if (st.Open.Add(c.ConversationId))
                    {
                        st.MaxOpen = Math.Max(st.MaxOpen, st.Open.Count);
                    }
                }
            };
            listeners[i].OnEnded = (_, e) =>
            {
                lock (st)
                {
                    st.Open.Remove(e.ConversationId);
                }
            };
        }
        async Task AcceptAsync(Peer p, Offer o)
        {
            try
            {
                await p.Conn.InvokeAsync<Conversation>("AcceptOffer", o.OfferId);
                acceptedTs.TryAdd(o.RequestId, Stopwatch.GetTimestamp());
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref acceptErrors);
                lastAcceptError = ex.Message;
            }
        }
        var matchedTs = new long[m];
        var startTs = new long[m];
        var ackTs = new long[m];
        var requestIds = new string?[m];
        long matched = 0, lastMatch = 0, requestErrors = 0;
        string? lastRequestError = null;
        var expected = Math.Min(m, l * capacity);
        var allMatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < m; i++)
        {
            var idx = i;
            seekers[i].OnMatched = (_, _) =>
            {
                var now = Stopwatch.GetTimestamp();
                if (Interlocked.CompareExchange(ref matchedTs[idx], now, 0) == 0)
                {
                    Volatile.Write(ref lastMatch, now);
                    if (Interlocked.Increment(ref matched) >= expected)
                    {
                        allMatched.TrySetResult();
                    }
                }
            };
        }
        await MatchingPeers.VolunteerAsync(listeners, "grief", capacity, meaning is null ? null : S4Texts.Bio);
        if (!options.S4Cold)
        {
            await S4WarmUp.RunAsync(context, server.BaseUri, http, l + m, capacity, meaning);
        }
        await Task.Delay(1000);

        var burstStart = Stopwatch.GetTimestamp();
        var burstSeconds = 0.0;
        var waves = Math.Min(Waves, m);
        var waveOf = new int[m];
        if (pg is not null)
        {
            await pg.StatsAsync(reset: true);
        }
        var pgTicks0 = pg?.CpuTicks() ?? 0;
        var countersBefore = await Tail.RuntimeCounters.ScrapeAsync(server.BaseUri);
        await context.WindowAsync("S4", server, TimeSpan.FromSeconds(10), async () =>
        {
            var tasks = new Task[m];
            // All seekers arrive within a moment, in back-to-back waves: wave w+1 is sent as soon as every request of
            // wave w was answered, so arrival order between waves is known without trusting clocks (see docs).
            var budget = Stopwatch.StartNew();
            for (var w = 0; w < waves; w++)
            {
                if (budget.Elapsed > s4Budget)
                {
                    results.Note($"S4: stopped after {w} of {waves} waves: the {s4Budget.TotalSeconds:F0} s budget for sending requests ran out (later seekers are left out of every S4 figure)");
                    waves = w;
                    break;
                }
                var from = (int)((long)m * w / waves);
                var to = (int)((long)m * (w + 1) / waves);
                for (var i = from; i < to; i++)
                {
                    var idx = i;
                    waveOf[idx] = w;
                    startTs[idx] = Stopwatch.GetTimestamp();
                    tasks[idx] = seekers[idx].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = "grief", note = meaning is null ? null : S4Texts.Note(idx) }).ContinueWith(t =>
                    {
                        ackTs[idx] = Stopwatch.GetTimestamp();
                        if (t.IsCompletedSuccessfully)
                        {
                            requestIds[idx] = t.Result.RequestId;
                        }
                        else
                        {
                            Interlocked.Increment(ref requestErrors);
                            lastRequestError = t.Exception?.InnerException?.Message;
                        }
                    }, TaskScheduler.Default);
                }
                try
                {
                    await Task.WhenAll(tasks[from..to]).WaitAsync(s4Budget);
                }
                catch (TimeoutException)
                {
                    results.Note($"S4: wave {w} not answered within 3 minutes");
                }
            }
            burstSeconds = (Stopwatch.GetTimestamp() - burstStart) / (double)Stopwatch.Frequency;
            try
            {
                await Task.WhenAll(tasks.Where(t => t is not null)).WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                results.Note("S4: some RequestListener calls did not answer within 3 minutes");
            }
            // Wait for all possible assignments, or 10 s without progress, at most 3 minutes.
            var deadline = Stopwatch.GetTimestamp() + 180 * Stopwatch.Frequency;
            var lastSeen = -1L;
            var lastProgress = Stopwatch.GetTimestamp();
            while (!allMatched.Task.IsCompleted && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.WhenAny(allMatched.Task, Task.Delay(500));
                var now = Interlocked.Read(ref matched);
                if (now != lastSeen)
                {
                    lastSeen = now;
                    lastProgress = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetTimestamp() - lastProgress > 10 * Stopwatch.Frequency)
                {
                    break;
                }
            }
            return 0;
        });
        var s4CpuSeconds = context.LastServerCpuSeconds;
        var countersAfter = await Tail.RuntimeCounters.ScrapeAsync(server.BaseUri);
        var pgCpuSeconds = ((pg?.CpuTicks() ?? 0) - pgTicks0) / Proc.TicksPerSecond;
        if (pg is not null && await pg.StatsAsync(reset: false) is { } stats)
        {
            Log.Info("S4: PostgreSQL over the burst window (MCBENCH_PG_STATS=1):\n" + stats);
        }
        await Task.Delay(1000); // late ConversationEnded/Matched events for the capacity check

        var f = (double)Stopwatch.Frequency;
        var assignSeconds = Math.Max(1e-3, (Volatile.Read(ref lastMatch) - burstStart) / f);
        var toOffer = new Latency();
        var matchedUntimed = Enumerable.Range(0, m).Count(i => matchedTs[i] != 0 && !(requestIds[i] is { } r && offerTs.ContainsKey(r)));
        var toMatch = new Latency();
        // Where the time after the offer goes: the listener's AcceptOffer answered, and the seeker's Matched.
        var offerToAccepted = new Latency();
        var offerToMatched = new Latency();
        var toTicket = new Latency();
        for (var i = 0; i < m; i++)
        {
            if (requestIds[i] is not null)
            {
                toTicket.RecordTicks(ackTs[i] - startTs[i]);
            }
            if (requestIds[i] is { } rid && offerTs.TryGetValue(rid, out var ot))
            {
                toOffer.RecordTicks(ot - startTs[i]);
                if (acceptedTs.TryGetValue(rid, out var at))
                {
                    offerToAccepted.RecordTicks(at - ot);
                }
                if (matchedTs[i] != 0)
                {
                    offerToMatched.RecordTicks(matchedTs[i] - ot);
                }
            }
            if (matchedTs[i] != 0)
            {
                toMatch.RecordTicks(matchedTs[i] - startTs[i]);
            }
        }
        // FIFO (docs/benchmarks.md): seekers arrive in waves; every request of wave v was answered before any of wave w > v
        // was sent, so a (wave v) requested before b (wave w). All seekers are adults on one topic with no experiences, so
        // any listener eligible for b was eligible for a. A matched b is a violation when some earlier-wave a is
        // (1) never offered while b was, or (2) offered more than FifoToleranceMs after b (offers are timed at the driver).
        var waveMaxOffer = new long[waves];
        var waveUnoffered = new bool[waves];
        var offerOf = new long[m];
        for (var i = 0; i < m; i++)
        {
            offerOf[i] = requestIds[i] is { } rid2 && offerTs.TryGetValue(rid2, out var ot2) ? ot2 : 0;
            if (requestIds[i] is null)
            {
                continue;
            }
            if (offerOf[i] == 0)
            {
                waveUnoffered[waveOf[i]] = true;
            }
            else
            {
                waveMaxOffer[waveOf[i]] = Math.Max(waveMaxOffer[waveOf[i]], offerOf[i]);
            }
        }
        var tol = (long)(FifoToleranceMs / 1000.0 * Stopwatch.Frequency);
        int fifoNever = 0, fifoLate = 0;
        var unmatched = Enumerable.Range(0, m).Count(i => matchedTs[i] == 0 && requestIds[i] is not null);
        var earlierUnoffered = false;
        var earlierMaxOffer = 0L;
        for (var w = 0; w < waves; w++)
        {
            for (var i = 0; i < m; i++)
            {
                if (waveOf[i] != w || offerOf[i] == 0)
                {
                    continue;
                }
                if (earlierUnoffered)
                {
                    fifoNever++;
                }
                else if (earlierMaxOffer > offerOf[i] + tol)
                {
                    fifoLate++;
                }
            }
            earlierUnoffered |= waveUnoffered[w];
            earlierMaxOffer = Math.Max(earlierMaxOffer, waveMaxOffer[w]);
        }
        var fifo = fifoNever + fifoLate;
        var over = states.Count(s => s.MaxOpen > capacity);
        var offersWhileFull = states.Sum(s => s.OffersWhileFull);
        var c = $"{m} seekers, {l} listeners x {capacity}{meaning switch { null => "", true => ", meaning on", false => ", meaning off" }}{(connectionString is null ? "" : ", PostgreSQL")}";
        var echo1000 = context.Baseline.Echo.TryGetValue(1000, out var e) ? e : ((double, double, double)?)null;
        results.Add(new Row("S4", c, "assignments/s", Interlocked.Read(ref matched) / assignSeconds, echo1000?.Item1, "matches/s",
            $"{matched} of {expected} possible matched in {assignSeconds:F1} s; ratio to S0 echo msg/s at 1000 conns; all {waves} waves sent and answered in {burstSeconds:F2} s"));
        var sent = requestIds.Count(x => x is not null);
        results.Note($"S4 {c}: server runtime over the burst window: {Tail.RuntimeCounters.Describe(countersBefore, countersAfter, sent, "request")}");
        results.Add(new Row("S4", c, "server CPU per request", sent == 0 ? double.NaN : s4CpuSeconds * 1000 / sent, context.Baseline.EchoCpuUs1000 / 1000, "ms",
            "all server CPU in the burst window (enqueue, matching, offers, accepts, pushes) / answered requests; ratio to S0 echo CPU per message at 1000 conns"));
        if (pg is not null)
        {
            results.Add(new Row("S4", c, "PostgreSQL CPU per request", sent == 0 ? double.NaN : pgCpuSeconds * 1000 / sent, null, "ms",
                "all CPU of the private PostgreSQL (postmaster and backends) over the burst window / answered requests; on the same cores"));
        }
        results.Add(new Row("S4", c, "p50 request→offer", toOffer.Ms(50), echo1000?.Item2, "ms", "ratio to S0 echo p50 at 1000 conns"));
        results.Add(new Row("S4", c, "p99 request→offer", toOffer.Ms(99), echo1000?.Item3, "ms", $"ratio to S0 echo p99 at 1000 conns; {toOffer.Count} offers timed ({Interlocked.Read(ref offers)} received for {offerTs.Count} requests; {requestIds.Count(r => r is not null)} requests answered with an id; {matchedUntimed} matched seekers without a timed offer)"));
        results.Add(new Row("S4", c, "p99 request→ticket", toTicket.Ms(99), echo1000?.Item3, "ms", $"RequestListener answered with a QueueTicket; p50 {Results.Fmt(toTicket.Ms(50))} ms, {toTicket.Count} answered"));
        results.Add(new Row("S4", c, "p99 request→Matched", toMatch.Ms(99), echo1000?.Item3, "ms", $"p50 {Results.Fmt(toMatch.Ms(50))} ms; offer→accept answered p50 {Results.Fmt(offerToAccepted.Ms(50))} ms, p99 {Results.Fmt(offerToAccepted.Ms(99))} ms; offer→seeker's Matched p50 {Results.Fmt(offerToMatched.Ms(50))} ms, p99 {Results.Fmt(offerToMatched.Ms(99))} ms"));
        results.Add(new Row("S4", c, "listeners ever over capacity (must be 0)", over, null, "listeners", $"offers received while at capacity: {offersWhileFull}; max open per listener {states.Max(s => s.MaxOpen)}"));
        results.Add(new Row("S4", c, "FIFO violations (must be 0)", fifo, null, "seekers", $"{waves} waves; offered while an earlier wave had an unoffered seeker {fifoNever}, offered > {FifoToleranceMs} ms before an earlier-wave seeker {fifoLate}; {unmatched} left waiting; request errors {requestErrors}{(lastRequestError is null ? "" : " (" + lastRequestError + ")")}, accept errors {acceptErrors}{(lastAcceptError is null ? "" : " (" + lastAcceptError + ")")}"));
        await Clients.DisposeAllAsync(listeners.Concat(seekers));
    }

    private sealed class ListenerState
    {
        public readonly HashSet<string> Open = [];
        public int MaxOpen;
        public int OffersWhileFull;
    }
}
