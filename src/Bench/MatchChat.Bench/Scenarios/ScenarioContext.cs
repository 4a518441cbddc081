using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// What every scenario shares: options and sizes, the results table, the log folder, the echo baseline server and the
/// S0 figures, and the helpers that start MatchChat and measure a window.
/// </summary>
public sealed class ScenarioContext
{
    private const string SigningKey = "bWF0Y2hjaGF0LWJlbmNobWFyay1zaWduaW5nLWtleS0zMi1ieXRlcw=="; // 40 bytes, benchmark only

    private int _runTag;
    private Task<RelaySession>? _inMemoryRelay;

    public ScenarioContext(Options options, string root, string logDir, Results results, ServerProcess echoServer, string webDll, IReadOnlyList<Scenario> selected)
    {
        Options = options;
        Profile = options.Profile;
        Root = root;
        LogDir = logDir;
        Results = results;
        EchoServer = echoServer;
        WebDll = webDll;
        Selected = selected;
    }

    public Options Options { get; }
    public Profile Profile { get; }
    public string Root { get; }

    /// <summary>artifacts/bench/&lt;time&gt;-&lt;pass&gt;: server logs, traces, gcdumps and results.md.</summary>
    public string LogDir { get; }
    public Results Results { get; }

    /// <summary>The S0 echo baseline server, up for the whole pass.</summary>
    public ServerProcess EchoServer { get; }

    /// <summary>The MatchChat.Web.dll the MatchChat scenarios run.</summary>
    public string WebDll { get; }

    /// <summary>The scenarios this pass runs, in order.</summary>
    public IReadOnlyList<Scenario> Selected { get; }

    public BaselineFigures Baseline { get; } = new();

    /// <summary>Server CPU seconds over the last <see cref="WindowAsync{T}"/>.</summary>
    public double LastServerCpuSeconds { get; private set; }

    /// <summary>At most this long to wait for a server to settle before an idle figure.</summary>
    public double SettleSeconds => Profile.Name == "quick" ? 6 : 20;

    /// <summary>A unique tag for one loop's client message ids.</summary>
    public string Tag(string s) => $"{s}r{Interlocked.Increment(ref _runTag)}";

    public Dictionary<string, string> MatchChatEnv(string? connectionString = null, bool? groupCommit = null)
    {
        var env = new Dictionary<string, string>
        {
            ["MatchChat__Auth__SigningKey"] = SigningKey,
            // Benchmarks send far faster than a person types; the lead's limiter exposes this to lift it.
            ["MatchChat__Limits__MessagesPerSecond"] = "100000",
            ["MatchChat__Limits__MemberCreationsPerMinute"] = "0",
            ["MatchChat__Limits__MessageBurst"] = "100000",
            // Every benchmark client connects from this machine's address: no per-address or per-member cap.
            ["MatchChat__Web__MaxConnectionsPerAddress"] = "0",
            ["MatchChat__Web__MaxConnectionsPerMember"] = "0",
        };
        // MCBENCH_SERVER_ENV="K=V;K2=V2": runtime settings for the MatchChat server only (GC/JIT experiments), not the
        // driver or the bare relay, which inherit this process's environment.
        foreach (var kv in (Environment.GetEnvironmentVariable("MCBENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                env[kv[..eq]] = kv[(eq + 1)..];
            }
        }
        if (connectionString is not null)
        {
            env["ConnectionStrings__MatchChat"] = connectionString;
        }
        if (groupCommit is { } g)
        {
            env["MatchChat__Messages__GroupCommit"] = g ? "true" : "false";
        }
        return env;
    }

    /// <summary>Starts <see cref="WebDll"/> (environment <see cref="MatchChatEnv"/> unless given), its log in <see cref="LogDir"/>.</summary>
    public Task<ServerProcess> StartMatchChatAsync(string name, string logFile, IReadOnlyDictionary<string, string>? env = null, int? port = null) =>
        ServerProcess.StartAsync(name, WebDll, env ?? MatchChatEnv(), Path.Combine(LogDir, logFile), TimeSpan.FromSeconds(120), port);

    /// <summary>The shared in-memory relay of S1/S2, started on first use (see <see cref="Scenario.UsesInMemoryRelay"/>).</summary>
    public Task<RelaySession> InMemoryRelayAsync() => _inMemoryRelay ??= RelaySession.StartAsync(this);

    /// <summary>Stops the shared in-memory relay if it was started.</summary>
    public async Task ReleaseInMemoryRelayAsync()
    {
        var relay = _inMemoryRelay;
        _inMemoryRelay = null;
        if (relay is { IsCompletedSuccessfully: true })
        {
            await (await relay).DisposeAsync();
        }
    }

    /// <summary>
    /// Runs body as one measured window: CPU of the server and of the driver per thread, the machine's load, and
    /// dotnet-trace of the server when <c>--trace</c> names this window's scenario.
    /// </summary>
    public async Task<T> WindowAsync<T>(string scenario, ServerProcess server, TimeSpan expected, Func<Task<T>> body)
    {
        var serverCpu = new CpuWindow(server.Pid);
        var selfCpu = new CpuWindow(Environment.ProcessId);
        var machine = new MachineWindow();
        Task<(int, string)>? trace = null;
        string? traceFile = null;
        if (Options.Trace is not null && Options.Trace.Equals(scenario, StringComparison.OrdinalIgnoreCase))
        {
            traceFile = Path.Combine(LogDir, $"{scenario}-{server.Name}.nettrace");
            var seconds = (int)Math.Max(3, expected.TotalSeconds);
            trace = Shell.RunAsync(Tool("dotnet-trace"), ["collect", "-p", server.Pid.ToString(CultureInfo.InvariantCulture),
                "--profile", "dotnet-common,dotnet-sampled-thread-time", "--duration", $"00:00:{seconds / 60:D2}:{seconds % 60:D2}", "-o", traceFile],
                TimeSpan.FromSeconds(seconds + 120));
            await Task.Delay(1500);
        }
        var result = await body();
        var sc = serverCpu.Stop();
        LastServerCpuSeconds = sc.CpuPercent / 100 * sc.Seconds;
        var dc = selfCpu.Stop();
        var busy = machine.Stop();
        Results.Profile(scenario, server.Name, sc);
        Results.Profile(scenario, "driver", dc);
        Results.Other($"{scenario}: machine busy {busy:F0}% of {Environment.ProcessorCount * 100}%; other processes {Math.Max(0, busy - sc.CpuPercent - dc.CpuPercent):F0}% (of the machine: interrupt work {machine.Interrupts:F0}%, stolen by the host {machine.Stolen:F0}%)");
        if (trace is not null && traceFile is not null)
        {
            var (code, output) = await trace;
            if (code == 0 && File.Exists(traceFile))
            {
                var (_, excl) = await Shell.RunAsync(Tool("dotnet-trace"), ["report", traceFile, "topN", "-n", "40"], TimeSpan.FromMinutes(3));
                var (_, incl) = await Shell.RunAsync(Tool("dotnet-trace"), ["report", traceFile, "topN", "-n", "60", "--inclusive"], TimeSpan.FromMinutes(3));
                await File.WriteAllTextAsync(traceFile + ".top.txt", "EXCLUSIVE\n" + excl + "\nINCLUSIVE\n" + incl);
                Results.Note($"{scenario}: dotnet-trace written to {Path.GetRelativePath(Root, traceFile)} (+ .top.txt)");
            }
            else
            {
                Results.Note($"{scenario}: dotnet-trace failed: {output.Split('\n').FirstOrDefault()}");
            }
        }
        return result;
    }

    /// <summary>Server CPU µs per operation over the last window; the window also held a warm-up, so scale to the measured part.</summary>
    public double CpuUsPer(long ops, TimeSpan window, TimeSpan measured) =>
        ops == 0 ? double.NaN : LastServerCpuSeconds * (measured.TotalSeconds / Math.Max(0.001, window.TotalSeconds)) * 1e6 / ops;

    /// <summary>S0 relay, closed loop, same shape as S1, measured now (right before the MatchChat figure it is compared with).</summary>
    public async Task RelayBaselineClosedAsync(string beforeWhat)
    {
        if (Baseline.Pairs is not { } pairs)
        {
            return;
        }
        await Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, Profile.Warmup, Tag("bw")); // warm-up outside the measured window
        var closed = await WindowAsync($"S0-relay({beforeWhat})", EchoServer, Profile.RelayDuration, () => Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, Profile.RelayDuration, Tag("b")));
        Baseline.RelayClosed = (closed.DeliveredPerSecond, closed.Latency.Ms(50), closed.Latency.Ms(99));
        var cpuUs = CpuUsPer(closed.Delivered, Profile.RelayDuration, Profile.RelayDuration);
        Baseline.RelayCpuUs = cpuUs;
        Results.Add(new Row("S0", $"relay, {Profile.Pairs * 2} conns as {Profile.Pairs} pairs, before {beforeWhat}", "delivered msg/s", closed.DeliveredPerSecond, null, "msg/s",
            $"closed loop; p50 {Results.Fmt(closed.Latency.Ms(50))} ms, p99 {Results.Fmt(closed.Latency.Ms(99))} ms; server CPU {Results.Fmt(cpuUs)} µs/msg"));
    }

    /// <summary>S0 relay, open loop at rateTarget msg/s, same shape as S2, measured now.</summary>
    public async Task RelayBaselineOpenAsync(int rateTarget, string beforeWhat)
    {
        if (Baseline.Pairs is not { } pairs)
        {
            return;
        }
        var timeline = new Tail.OpenLoopTimeline();
        var open = await WindowAsync($"S0-open{rateTarget}({beforeWhat})", EchoServer, Profile.OpenDuration, () => Relay.OpenLoopAsync(pairs, rateTarget, Profile.OpenDuration, Tag("bo"), timeline));
        Baseline.RelayOpen[rateTarget] = (open.Latency.Ms(50), open.Latency.Ms(99), open.Latency.Ms(99.9));
        Tail.TailReport.Write(this, "S0", "bare-" + beforeWhat, rateTarget, timeline, null, null, open.Received, open.Latency.Ms(99));
        Results.Add(new Row("S0", $"relay open loop {rateTarget} msg/s, before {beforeWhat}", "p50", open.Latency.Ms(50), null, "ms",
            $"p99 {Results.Fmt(open.Latency.Ms(99))}, p99.9 {Results.Fmt(open.Latency.Ms(99.9))} ms; lost {open.Lost}, reordered by sender {open.ReorderedBySender}, by seq {open.ReorderedBySeq}"));
    }

    /// <summary>dotnet-gcdump of the server (it forces a full GC) and its largest types, saved next to the logs.</summary>
    public async Task GcDumpAsync(string scenario, ServerProcess server)
    {
        var file = Path.Combine(LogDir, $"{scenario}-{server.Name}.gcdump");
        var (code, output) = await Shell.RunAsync(Tool("dotnet-gcdump"), ["collect", "-p", server.Pid.ToString(CultureInfo.InvariantCulture), "-o", file], TimeSpan.FromMinutes(3));
        if (code != 0 || !File.Exists(file))
        {
            Results.Note($"{scenario}: dotnet-gcdump failed: {output.Split('\n').FirstOrDefault()}");
            return;
        }
        var (_, report) = await Shell.RunAsync(Tool("dotnet-gcdump"), ["report", file], TimeSpan.FromMinutes(3));
        await File.WriteAllTextAsync(file + ".txt", report);
        var (rss, _) = server.Memory();
        Results.Note($"{scenario}: gcdump {Path.GetRelativePath(Root, file)} (+ .txt); RSS after its forced GC {rss / 1024} MB; top types: " +
            string.Join("; ", report.Split('\n').Where(l => l.Contains("  ", StringComparison.Ordinal) && char.IsDigit(l.TrimStart().FirstOrDefault())).Take(6).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))));
    }

    /// <summary>Waits until the process uses under 5% of a core over one second (JIT tier-up, GC after a burst), at most <see cref="SettleSeconds"/>.</summary>
    public async Task SettleAsync(int pid)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < SettleSeconds)
        {
            var w = new CpuWindow(pid);
            await Task.Delay(1000);
            if (w.Stop().CpuPercent < 5)
            {
                return;
            }
        }
    }

    private static string Tool(string name)
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var p = Path.Combine(home, ".dotnet", "tools", name);
        return File.Exists(p) ? p : name;
    }
}
