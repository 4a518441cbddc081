using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S8: the ceiling of one topic (issue 12 goal 8). One topic, so one TopicQueueGrain; seekers send RequestListener in
/// an open loop at rising rates, listeners accept every offer at once and end each conversation as soon as it is
/// matched, so capacity returns and the seeker goes back to the idle pool. Per step: achieved requests/s
/// (acknowledged), assignments/s (seekers' Matched), request→offer, server CPU per request, the queue at the end of
/// the step. The ceiling is the highest step that keeps up (<see cref="KeepsUp"/>). In memory, and on a private
/// PostgreSQL when <c>--pg</c> finds one (as S3).
/// Environment: <c>S8_RATES=100,250,…</c> replaces the steps; <c>S8_PERF_RATE=N</c> records <c>perf</c> of the
/// server during the step at N requests/s (the server then runs with the JIT perf map).
/// </summary>
public sealed class S8TopicCeiling : Scenario
{
    private const string Topic = "grief";
    private const int Capacity = 5;

    public override string Name => "S8";
    public override string Description => "one topic's ceiling: RequestListener open loop at rising rates, accept and end at once; req/s, assignments/s, latency, CPU";

    /// <summary>The rule: acknowledged and matched both ≥ 95 % of the offered rate, p99 request→offer ≤ 1 s, no errors, and every request offered.</summary>
    public static bool KeepsUp(int rate, double achieved, double assigned, double p99Ms, long errors, int unoffered) =>
        achieved >= 0.95 * rate && assigned >= 0.95 * rate && p99Ms <= 1000 && errors == 0 && unoffered == 0;

    public override async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var storeExists = Directory.Exists(Path.Combine(context.Root, "src/Grains/MatchChat.Storage.Postgres"));
        var usePg = options.Postgres switch
        {
            "on" => true,
            "off" => false,
            _ => storeExists && PrivatePostgres.FindTool("initdb") is not null,
        };
        await RunOnceAsync(context, "in memory", null);
        if (usePg)
        {
            await using var pg = await PrivatePostgres.StartAsync();
            await RunOnceAsync(context, "PostgreSQL", pg.ConnectionString);
        }
    }

    private static async Task RunOnceAsync(ScenarioContext context, string mode, string? connectionString)
    {
        var quick = context.Profile.Name == "quick";
        var rates = Environment.GetEnvironmentVariable("S8_RATES") is { Length: > 0 } r
            ? r.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
            : quick ? [100, 250, 500, 1000] : [100, 250, 500, 1000, 2000, 4000];
        var stepLength = TimeSpan.FromSeconds(quick ? 4 : 12);
        var drainLimit = TimeSpan.FromSeconds(quick ? 10 : 30);
        var seekerCount = quick ? 600 : 4000;
        var listenerCount = quick ? 100 : 400;
        var perfRate = int.TryParse(Environment.GetEnvironmentVariable("S8_PERF_RATE"), out var pr) ? pr : (int?)null;

        var env = context.MatchChatEnv(connectionString);
        if (perfRate is not null)
        {
            env["DOTNET_PerfMapEnabled"] = "1";
            env["DOTNET_EnableWriteXorExecute"] = "0";
        }
        var tag = connectionString is null ? "mem" : "pg";
        Log.Info($"S8 ({mode}): one topic, {seekerCount} seekers, {listenerCount} listeners x {Capacity}, steps {string.Join(", ", rates)} req/s of {stepLength.TotalSeconds:F0} s");
        await using var server = await context.StartMatchChatAsync($"matchchat-s8-{tag}", $"matchchat-s8-{tag}.log", env);
        using var http = Clients.NewHttp(server.BaseUri);
        var (listeners, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", listenerCount, members: true, context.Options.SkipNegotiation, 64, http, 0);
        var (seekers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", seekerCount, members: true, context.Options.SkipNegotiation, 64, http, listenerCount);

        var offerTs = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var errorCounts = new long[3]; // RequestListener, AcceptOffer, EndConversation
        long TotalErrors() => Interlocked.Read(ref errorCounts[0]) + Interlocked.Read(ref errorCounts[1]) + Interlocked.Read(ref errorCounts[2]);
        string? lastError = null;
        foreach (var listener in listeners)
        {
            listener.OnOffer = (p, o) =>
            {
                offerTs.TryAdd(o.RequestId, Stopwatch.GetTimestamp());
                _ = CallAsync(p.Conn.InvokeAsync<Conversation>("AcceptOffer", o.OfferId), 1);
            };
            listener.OnMatched = (p, c) => _ = CallAsync(p.Conn.InvokeAsync("EndConversation", c.ConversationId), 2);
        }
        async Task CallAsync(Task call, int kind)
        {
            try
            {
                await call;
            }
            catch (Exception ex)
            {
                lastError = ex.Message;
                Interlocked.Increment(ref errorCounts[kind]);
            }
        }

        var idle = new ConcurrentQueue<int>(Enumerable.Range(0, seekerCount));
        var current = new S8Request?[seekerCount];
        long acked = 0, matched = 0;
        void Release(int s, S8Request req)
        {
            if (Interlocked.Exchange(ref req.Released, 1) == 0)
            {
                Interlocked.CompareExchange(ref current[s], null, req);
                idle.Enqueue(s);
            }
        }
        for (var i = 0; i < seekerCount; i++)
        {
            var s = i;
            seekers[i].OnMatched = (_, _) =>
            {
                if (Volatile.Read(ref current[s]) is { } req && Interlocked.CompareExchange(ref req.Matched, Stopwatch.GetTimestamp(), 0) == 0)
                {
                    Interlocked.Increment(ref matched);
                }
            };
            seekers[i].OnEnded = (_, _) =>
            {
                if (Volatile.Read(ref current[s]) is { } req)
                {
                    Release(s, req);
                }
            };
        }
        void Send(int s, S8Step step)
        {
            var req = new S8Request { Sent = Stopwatch.GetTimestamp() };
            step.Requests.Add(req);
            Volatile.Write(ref current[s], req);
            _ = seekers[s].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = Topic }).ContinueWith(t =>
            {
                req.Acked = Stopwatch.GetTimestamp();
                if (t.IsCompletedSuccessfully)
                {
                    req.RequestId = t.Result.RequestId;
                    Interlocked.Increment(ref acked);
                }
                else
                {
                    req.Failed = true;
                    lastError = t.Exception?.InnerException?.Message;
                    Interlocked.Increment(ref errorCounts[0]);
                    Release(s, req);
                }
            }, TaskScheduler.Default);
        }

        await MatchingPeers.VolunteerAsync(listeners, Topic, Capacity);
        await Task.Delay(1000);

        // Warm-up outside the figures (JIT tiers, grain activations): the lowest rate for a few seconds.
        await RunStepAsync(new S8Step(Math.Min(50, rates[0])), TimeSpan.FromSeconds(quick ? 2 : 5), measure: false);
        await DrainAsync();

        var steps = new List<S8Step>();
        var failing = 0;
        foreach (var rate in rates)
        {
            var step = new S8Step(rate);
            steps.Add(step);
            var errorsBefore = TotalErrors();
            var perf = perfRate == rate ? StartPerf(context, server, tag, rate, stepLength) : null;
            await RunStepAsync(step, stepLength, measure: true);
            step.WaitingAtEnd = Interlocked.Read(ref acked) - Interlocked.Read(ref matched);
            var drained = await DrainAsync();
            if (perf is not null)
            {
                var (code, output) = await perf;
                context.Results.Note($"S8 ({mode}): perf record at {rate} req/s exited {code}: {output.Split('\n').LastOrDefault(l => l.Length > 0)}");
            }
            var errors = TotalErrors() - errorsBefore;
            var ok = Report(context, mode, step, offerTs, errors, drained, lastError);
            failing = ok ? 0 : failing + 1;
            if (failing >= 2 && rate != rates[^1])
            {
                context.Results.Note($"S8 ({mode}): stopped after {rate} req/s: two steps in a row did not keep up");
                break;
            }
        }

        var ceiling = steps.LastOrDefault(s => s.Ok);
        var peak = steps.Select(s => Window(s.Requests.Select(q => q.Failed ? 0 : q.Acked), s)).DefaultIfEmpty(0).Max();
        context.Results.Add(new Row("S8", $"{mode}, one topic", "ceiling: highest step that keeps up", ceiling?.Rate ?? 0, null, "req/s",
            $"rule: acknowledged and matched ≥ 95 % of offered, p99 request→offer ≤ 1 s, no errors, every request offered within the drain; highest acknowledged rate in any step {Results.Fmt(peak)} req/s"));
        await Clients.DisposeAllAsync(listeners.Concat(seekers));

        async Task RunStepAsync(S8Step step, TimeSpan length, bool measure)
        {
            var cpu = new CpuWindow(server.Pid);
            var self = new CpuWindow(Environment.ProcessId);
            var machine = new MachineWindow();
            var f = (double)Stopwatch.Frequency;
            step.Start = Stopwatch.GetTimestamp();
            step.End = step.Start + (long)(length.TotalSeconds * f);
            long issued = 0;
            for (var now = step.Start; now < step.End; now = Stopwatch.GetTimestamp())
            {
                var due = (long)((now - step.Start) / f * step.Rate);
                for (; issued < due; issued++)
                {
                    if (idle.TryDequeue(out var s))
                    {
                        Send(s, step);
                    }
                    else
                    {
                        step.NoIdleSeeker++;
                    }
                }
                await Task.Delay(2);
            }
            var sc = cpu.Stop();
            step.ServerCpuSeconds = sc.CpuPercent / 100 * sc.Seconds;
            step.ServerCpuPercent = sc.CpuPercent;
            step.DriverCpuPercent = self.Stop().CpuPercent;
            step.MachineBusyPercent = machine.Stop();
            if (measure)
            {
                context.Results.Profile($"S8 {step.Rate}/s", server.Name, sc);
            }
        }

        // Every conversation ended and every seeker idle again, or no progress for the drain limit.
        async Task<bool> DrainAsync()
        {
            var sw = Stopwatch.StartNew();
            var last = idle.Count;
            var lastProgress = sw.Elapsed;
            while (idle.Count < seekerCount)
            {
                if (sw.Elapsed - lastProgress > drainLimit)
                {
                    return false;
                }
                await Task.Delay(100);
                if (idle.Count != last)
                {
                    last = idle.Count;
                    lastProgress = sw.Elapsed;
                }
            }
            return true;
        }
    }

    private static bool Report(ScenarioContext context, string mode, S8Step step, ConcurrentDictionary<string, long> offerTs, long errors, bool drained, string? lastError)
    {
        var toOffer = new Latency();
        var unoffered = 0;
        foreach (var q in step.Requests)
        {
            if (q.RequestId is { } id && offerTs.TryGetValue(id, out var ot))
            {
                toOffer.RecordTicks(ot - q.Sent);
            }
            else if (!q.Failed)
            {
                unoffered++;
            }
        }
        var ackedIn = step.Requests.Count(q => !q.Failed && q.Acked != 0 && q.Acked <= step.End);
        var achieved = Window(step.Requests.Select(q => q.Failed ? 0 : q.Acked), step);
        var assigned = Window(step.Requests.Select(q => q.Matched), step);
        var cpuMs = ackedIn == 0 ? double.NaN : step.ServerCpuSeconds * 1000 / ackedIn;
        var p99 = toOffer.Ms(99);
        step.Ok = KeepsUp(step.Rate, achieved, assigned, double.IsNaN(p99) ? double.PositiveInfinity : p99, errors, unoffered) && step.NoIdleSeeker == 0;
        var c = $"{mode}, offered {step.Rate} req/s";
        context.Results.Add(new Row("S8", c, "achieved requests/s (acknowledged)", achieved, step.Rate, "req/s",
            $"{(step.Ok ? "keeps up" : "does NOT keep up")}; sent {step.Requests.Count}, not sent for want of an idle seeker {step.NoIdleSeeker}; errors {errors}{(errors > 0 && lastError is not null ? " (" + lastError + ")" : "")}; never offered {unoffered}{(drained ? "" : "; drain incomplete")}"));
        context.Results.Add(new Row("S8", c, "assignments/s (seekers' Matched)", assigned, step.Rate, "matches/s",
            $"waiting at the end of the step (acknowledged, not yet matched) {step.WaitingAtEnd}"));
        context.Results.Add(new Row("S8", c, "p99 request→offer", p99, null, "ms", $"p50 {Results.Fmt(toOffer.Ms(50))} ms, max {Results.Fmt(toOffer.MaxMs)} ms; {toOffer.Count} offers timed"));
        context.Results.Add(new Row("S8", c, "server CPU per request", cpuMs, null, "ms",
            $"server {step.ServerCpuPercent:F0}% of one core, driver {step.DriverCpuPercent:F0}%, machine busy {step.MachineBusyPercent:F0}% of {Environment.ProcessorCount * 100}%"));
        return step.Ok;
    }

    /// <summary>Events (Stopwatch timestamps; 0 = none) inside the step's window, per second.</summary>
    private static double Window(IEnumerable<long> stamps, S8Step step) =>
        stamps.Count(t => t != 0 && t >= step.Start && t <= step.End) / ((step.End - step.Start) / (double)Stopwatch.Frequency);

    private static Task<(int, string)> StartPerf(ScenarioContext context, ServerProcess server, string tag, int rate, TimeSpan length)
    {
        var file = Path.Combine(context.LogDir, $"S8-{tag}-{rate}.perf.data");
        context.Results.Note($"S8: perf record of the server at {rate} req/s into {Path.GetRelativePath(context.Root, file)} (perf report -i FILE --no-children)");
        return Shell.RunAsync("perf", ["record", "-F", "499", "-g", "-p", server.Pid.ToString(CultureInfo.InvariantCulture), "-o", file, "--",
            "sleep", ((int)length.TotalSeconds).ToString(CultureInfo.InvariantCulture)], length + TimeSpan.FromSeconds(60));
    }
}
