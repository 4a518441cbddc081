using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench;

/// <summary>Runs S0–S5 and fills the results table.</summary>
public sealed class Runner
{
    private const string SigningKey = "bWF0Y2hjaGF0LWJlbmNobWFyay1zaWduaW5nLWtleS0zMi1ieXRlcw=="; // 40 bytes, benchmark only

    private readonly Options _o;
    private readonly Profile _p;
    private readonly string _root;
    private readonly string _logDir;
    private readonly Results _r = new();
    private int _runTag;

    // S0 figures used as ratios.
    private readonly Dictionary<int, (double Rate, double P50, double P99)> _echo = [];
    private (double Rate, double P50, double P99)? _relayClosed;
    private readonly Dictionary<int, (double P50, double P99, double P999)> _relayOpen = [];
    private double? _idleKbPerConn;
    private double? _idleCpu;
    private double? _connectRate;

    public Runner(Options o, string root)
    {
        _o = o;
        _p = o.Profile;
        _root = root;
        _logDir = Path.Combine(root, "artifacts", "bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + _p.Name);
        Directory.CreateDirectory(_logDir);
    }

    private string Tag(string s) => $"{s}r{Interlocked.Increment(ref _runTag)}";

    private Dictionary<string, string> MatchChatEnv(string? connectionString = null, bool? groupCommit = null)
    {
        var env = new Dictionary<string, string>
        {
            ["MatchChat__Auth__SigningKey"] = SigningKey,
            // Benchmarks send far faster than a person types; the lead's limiter exposes this to lift it.
            ["MatchChat__Limits__MessagesPerSecond"] = "100000",
            ["MatchChat__Limits__MemberCreationsPerMinute"] = "0",
            ["MatchChat__Limits__MessageBurst"] = "100000",
        };
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

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var header = $"MatchChat benchmark, {_p.Name} pass, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                     $"transport WebSockets{(_o.SkipNegotiation ? " (skip negotiation)" : " (with negotiate)")}, JSON protocol";
        var echoDll = Path.Combine(_root, "src/Bench/MatchChat.EchoBaseline/bin/Release/net10.0/MatchChat.EchoBaseline.dll");
        var webDll = _o.WebDll ?? Path.Combine(_root, "src/Web/MatchChat.Web/bin/Release/net10.0/MatchChat.Web.dll");
        var needMatchChat = new[] { "S1", "S2", "S3", "S4", "S5" }.Any(_o.Runs);
        if (_o.Build)
        {
            if (!File.Exists(echoDll) && !await Shell.BuildAsync(_root, "src/Bench/MatchChat.EchoBaseline"))
            {
                return 2;
            }
            if (needMatchChat && _o.WebDll is null && !await Shell.BuildAsync(_root, "src/Web/MatchChat.Web"))
            {
                _r.Note("MatchChat.Web did not build; MatchChat scenarios skipped.");
                needMatchChat = false;
            }
        }
        if (needMatchChat && !File.Exists(webDll))
        {
            _r.Note($"{webDll} not found; MatchChat scenarios skipped.");
            needMatchChat = false;
        }

        await using var echo = await ServerProcess.StartAsync("echo", echoDll, new Dictionary<string, string>(), Path.Combine(_logDir, "echo.log"), TimeSpan.FromSeconds(60));
        _echoServer = echo;
        await RunBaselineAsync(echo);
        if (needMatchChat)
        {
            await Guard("S1/S2", () => RunRelayAsync(webDll));
            if (_o.Runs("S3"))
            {
                await Guard("S3", () => RunDurabilityAsync(webDll));
            }
            if (_o.Runs("S4"))
            {
                await Guard("S4", () => RunMatchingAsync(webDll));
            }
            if (_o.Runs("S5"))
            {
                await Guard("S5", () => RunDensityAsync(webDll));
            }
        }
        if (_basePairs is not null)
        {
            await Clients.DisposeAllAsync(_basePairs.SelectMany(p => new[] { p.A, p.B }));
        }
        _r.Note($"whole pass took {total.Elapsed.TotalSeconds:F0} s (builds included); unexpected client disconnects: {Clients.ClosedUnexpectedly}; server logs in {Path.GetRelativePath(_root, _logDir)}");
        var table = _r.Render(header);
        Console.WriteLine();
        Console.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(_logDir, "results.md"), table);
        if (_o.Out is not null)
        {
            await File.WriteAllTextAsync(_o.Out, table);
        }
        return 0;
    }

    private async Task Guard(string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            _r.Note($"{name} failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            Log.Info(ex.ToString());
        }
    }

    private async Task<T> Window<T>(string scenario, ServerProcess server, TimeSpan expected, Func<Task<T>> body)
    {
        var serverCpu = new CpuWindow(server.Pid);
        var selfCpu = new CpuWindow(Environment.ProcessId);
        var machine = new MachineWindow();
        Task<(int, string)>? trace = null;
        string? traceFile = null;
        if (_o.Trace is not null && _o.Trace.Equals(scenario, StringComparison.OrdinalIgnoreCase))
        {
            traceFile = Path.Combine(_logDir, $"{scenario}-{server.Name}.nettrace");
            var seconds = (int)Math.Max(3, expected.TotalSeconds);
            trace = Shell.RunAsync(Tool("dotnet-trace"), ["collect", "-p", server.Pid.ToString(CultureInfo.InvariantCulture),
                "--profile", "dotnet-common,dotnet-sampled-thread-time", "--duration", $"00:00:{seconds / 60:D2}:{seconds % 60:D2}", "-o", traceFile],
                TimeSpan.FromSeconds(seconds + 120));
            await Task.Delay(1500);
        }
        var result = await body();
        var sc = serverCpu.Stop();
        _lastServerCpuSeconds = sc.CpuPercent / 100 * sc.Seconds;
        var dc = selfCpu.Stop();
        var busy = machine.Stop();
        _r.Profile(scenario, server.Name, sc);
        _r.Profile(scenario, "driver", dc);
        _r.Other($"{scenario}: machine busy {busy:F0}% of {Environment.ProcessorCount * 100}%; other processes {Math.Max(0, busy - sc.CpuPercent - dc.CpuPercent):F0}%");
        if (trace is not null && traceFile is not null)
        {
            var (code, output) = await trace;
            if (code == 0 && File.Exists(traceFile))
            {
                var (_, excl) = await Shell.RunAsync(Tool("dotnet-trace"), ["report", traceFile, "topN", "-n", "40"], TimeSpan.FromMinutes(3));
                var (_, incl) = await Shell.RunAsync(Tool("dotnet-trace"), ["report", traceFile, "topN", "-n", "60", "--inclusive"], TimeSpan.FromMinutes(3));
                await File.WriteAllTextAsync(traceFile + ".top.txt", "EXCLUSIVE\n" + excl + "\nINCLUSIVE\n" + incl);
                _r.Note($"{scenario}: dotnet-trace written to {Path.GetRelativePath(_root, traceFile)} (+ .top.txt)");
            }
            else
            {
                _r.Note($"{scenario}: dotnet-trace failed: {output.Split('\n').FirstOrDefault()}");
            }
        }
        return result;
    }

    /// <summary>Server CPU µs per operation over the last window; the window also held a warm-up, so scale to the measured part.</summary>
    private double CpuUsPer(long ops, TimeSpan window, TimeSpan measured) =>
        ops == 0 ? double.NaN : _lastServerCpuSeconds * (measured.TotalSeconds / Math.Max(0.001, window.TotalSeconds)) * 1e6 / ops;

    /// <summary>dotnet-gcdump of the server (it forces a full GC) and its largest types, saved next to the logs.</summary>
    private async Task GcDumpAsync(string scenario, ServerProcess server)
    {
        var file = Path.Combine(_logDir, $"{scenario}-{server.Name}.gcdump");
        var (code, output) = await Shell.RunAsync(Tool("dotnet-gcdump"), ["collect", "-p", server.Pid.ToString(CultureInfo.InvariantCulture), "-o", file], TimeSpan.FromMinutes(3));
        if (code != 0 || !File.Exists(file))
        {
            _r.Note($"{scenario}: dotnet-gcdump failed: {output.Split('\n').FirstOrDefault()}");
            return;
        }
        var (_, report) = await Shell.RunAsync(Tool("dotnet-gcdump"), ["report", file], TimeSpan.FromMinutes(3));
        await File.WriteAllTextAsync(file + ".txt", report);
        var (rss, _) = server.Memory();
        _r.Note($"{scenario}: gcdump {Path.GetRelativePath(_root, file)} (+ .txt); RSS after its forced GC {rss / 1024} MB; top types: " +
            string.Join("; ", report.Split('\n').Where(l => l.Contains("  ", StringComparison.Ordinal) && char.IsDigit(l.TrimStart().FirstOrDefault())).Take(6).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))));
    }

    /// <summary>Waits until the process uses under 5% of a core over one second (JIT tier-up, GC after a burst), at most maxSeconds.</summary>
    private static async Task SettleAsync(int pid, double maxSeconds)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < maxSeconds)
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

    // ---------------------------------------------------------------- S0

    private async Task RunBaselineAsync(ServerProcess server)
    {
        Log.Info("S0: echo baseline");
        var hub = new Uri(server.BaseUri, "/hubs/echo");

        // Memory per idle connection, first, on a fresh server (warmed by one connection).
        var warm = Clients.NewPeer(-1, hub, null, _o.SkipNegotiation);
        await warm.Conn.StartAsync();
        for (var i = 0; i < 200; i++)
        {
            await warm.Conn.InvokeAsync<string>("Echo", Clients.Text);
        }
        await Task.Delay(2000);
        var (rss0, anon0) = server.Memory();
        var (idle, rate) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/echo", _p.IdleConnections, members: false, _o.SkipNegotiation, 64, null);
        _connectRate = rate;
        await Task.Delay(2000);
        await SettleAsync(server.Pid, SettleSeconds);
        var (rss1, anon1) = server.Memory();
        if (_o.GcDump)
        {
            await GcDumpAsync("S0", server);
        }
        var cpu = new CpuWindow(server.Pid);
        await Task.Delay(_p.IdleCpuWindow);
        var idleCpu = cpu.Stop();
        _idleKbPerConn = (rss1 - rss0) / (double)_p.IdleConnections;
        _idleCpu = idleCpu.CpuPercent;
        var c = $"{_p.IdleConnections} idle conns";
        _r.Add(new Row("S0", c, "server RSS per connection", _idleKbPerConn.Value, null, "KB", $"RSS {rss0 / 1024} → {rss1 / 1024} MB; anon {(anon1 - anon0) / (double)_p.IdleConnections:F1} KB/conn"));
        _r.Add(new Row("S0", c, "server idle CPU", _idleCpu.Value, null, "% of a core", $"over {_p.IdleCpuWindow.TotalSeconds:F0} s"));
        _r.Add(new Row("S0", c, "connect rate", rate, null, "conn/s", "64 in parallel"));
        await Clients.DisposeAllAsync(idle);

        // Echo, closed loop, at 1..1000 connections.
        var max = _p.EchoConnections.Max();
        var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/echo", max, members: false, _o.SkipNegotiation, 64, null);
        // JIT warm-up of both sides (tiered compilation) before any measured window.
        var warmEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        await Task.WhenAll(peers.Take(10).Select(async p =>
        {
            for (var k = 0; k < 1_000_000 && Stopwatch.GetTimestamp() < warmEnd; k++)
            {
                await p.Conn.InvokeAsync<string>("Echo", Clients.Text);
            }
        }));
        foreach (var n in _p.EchoConnections)
        {
            var lat = new Latency();
            long count = 0;
            var start = Stopwatch.GetTimestamp();
            var measureStart = start + (long)(_p.Warmup.TotalSeconds * Stopwatch.Frequency);
            var end = measureStart + (long)(_p.EchoDuration.TotalSeconds * Stopwatch.Frequency);
            await Window($"S0-echo{n}", server, _p.EchoDuration, async () =>
            {
                await Task.WhenAll(peers.Take(n).Select(async p =>
                {
                    for (var k = 0; k < 50_000_000 && Stopwatch.GetTimestamp() < end; k++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        await p.Conn.InvokeAsync<string>("Echo", Clients.Text);
                        var t1 = Stopwatch.GetTimestamp();
                        if (t0 >= measureStart && t1 <= end)
                        {
                            lat.RecordTicks(t1 - t0);
                            Interlocked.Increment(ref count);
                        }
                    }
                }));
                return 0;
            });
            var r = count / _p.EchoDuration.TotalSeconds;
            var cpuUs = CpuUsPer(count, _p.Warmup + _p.EchoDuration, _p.EchoDuration);
            if (n == 1000)
            {
                _echoCpuUs1000 = cpuUs;
            }
            _echo[n] = (r, lat.Ms(50), lat.Ms(99));
            _r.Add(new Row("S0", $"echo, {n} conns", "msg/s", r, null, "msg/s", $"closed loop; server CPU {Results.Fmt(cpuUs)} µs/msg"));
            _r.Add(new Row("S0", $"echo, {n} conns", "p50 / p99", lat.Ms(50), null, "ms", $"p99 {Results.Fmt(lat.Ms(99))} ms"));
        }
        await Clients.DisposeAllAsync(peers);
        await warm.Conn.DisposeAsync();

        // Relay baselines with the same shapes as S1 and S2 (group broadcast, no Orleans, no storage). The pairs stay
        // connected; each MatchChat relay figure is compared with a baseline run measured right before it.
        if (new[] { "S1", "S2", "S3" }.Any(_o.Runs))
        {
            _basePairs = await Relay.BaselinePairsAsync(server, _p.Pairs, _o.SkipNegotiation);
            await Relay.ClosedLoopAsync(_basePairs, TimeSpan.Zero, TimeSpan.FromSeconds(1), Tag("bw")); // JIT warm-up
        }
    }

    private ServerProcess? _echoServer;
    private double _lastServerCpuSeconds;
    private PrivatePostgres? _pg;
    private double _lastPgSeconds;
    private double? _relayCpuUs;
    private double? _echoCpuUs1000;
    private List<RelayPair>? _basePairs;

    /// <summary>S0 relay, closed loop, same shape as S1, measured now (right before the MatchChat figure it is compared with).</summary>
    private async Task BaselineClosedAsync(string beforeWhat)
    {
        if (_echoServer is null || _basePairs is null)
        {
            return;
        }
        await Relay.ClosedLoopAsync(_basePairs, TimeSpan.Zero, _p.Warmup, Tag("bw")); // warm-up outside the measured window
        var closed = await Window($"S0-relay({beforeWhat})", _echoServer, _p.RelayDuration, () => Relay.ClosedLoopAsync(_basePairs, TimeSpan.Zero, _p.RelayDuration, Tag("b")));
        _relayClosed = (closed.DeliveredPerSecond, closed.Latency.Ms(50), closed.Latency.Ms(99));
        _relayCpuUs = CpuUsPer(closed.Delivered, _p.RelayDuration, _p.RelayDuration);
        _r.Add(new Row("S0", $"relay, {_p.Pairs * 2} conns as {_p.Pairs} pairs, before {beforeWhat}", "delivered msg/s", closed.DeliveredPerSecond, null, "msg/s",
            $"closed loop; p50 {Results.Fmt(closed.Latency.Ms(50))} ms, p99 {Results.Fmt(closed.Latency.Ms(99))} ms; server CPU {Results.Fmt(_relayCpuUs.Value)} µs/msg"));
    }

    private async Task BaselineOpenAsync(int rateTarget, string beforeWhat)
    {
        if (_echoServer is null || _basePairs is null)
        {
            return;
        }
        var open = await Window($"S0-open{rateTarget}({beforeWhat})", _echoServer, _p.OpenDuration, () => Relay.OpenLoopAsync(_basePairs, rateTarget, _p.OpenDuration, Tag("bo")));
        _relayOpen[rateTarget] = (open.Latency.Ms(50), open.Latency.Ms(99), open.Latency.Ms(99.9));
        _r.Add(new Row("S0", $"relay open loop {rateTarget} msg/s, before {beforeWhat}", "p50", open.Latency.Ms(50), null, "ms",
            $"p99 {Results.Fmt(open.Latency.Ms(99))}, p99.9 {Results.Fmt(open.Latency.Ms(99.9))} ms; lost {open.Lost}, reordered by sender {open.ReorderedBySender}, by seq {open.ReorderedBySeq}"));
    }

    // ---------------------------------------------------------------- S1, S2

    private async Task RunRelayAsync(string webDll)
    {
        if (!_o.Runs("S1") && !_o.Runs("S2"))
        {
            return;
        }
        Log.Info("S1/S2: MatchChat relay (in-memory store)");
        await using var server = await ServerProcess.StartAsync("matchchat", webDll, MatchChatEnv(), Path.Combine(_logDir, "matchchat-relay.log"), TimeSpan.FromSeconds(120));
        using var http = Clients.NewHttp(server.BaseUri);
        var pairs = await Relay.MatchChatPairsAsync(server, http, _p.Pairs, _o.SkipNegotiation, _r);
        var c = $"{pairs.Count * 2} conns as {pairs.Count} conversations";
        if (_o.Runs("S1"))
        {
            await BaselineClosedAsync("S1");
            await S1Async("S1", "in-memory", server, pairs, c);
        }
        if (_o.Runs("S2"))
        {
            foreach (var rate in _o.Rates ?? _p.OpenRates)
            {
                await BaselineOpenAsync(rate, "S2");
                var open = await Window("S2", server, _p.OpenDuration, () => Relay.OpenLoopAsync(pairs, rate, _p.OpenDuration, Tag("o")));
                var b = _relayOpen.TryGetValue(rate, out var bb) ? bb : ((double, double, double)?)null;
                var cc = $"open loop {rate} msg/s, {c}";
                _r.Add(new Row("S2", cc, "p50", open.Latency.Ms(50), b?.Item1, "ms"));
                _r.Add(new Row("S2", cc, "p99", open.Latency.Ms(99), b?.Item2, "ms"));
                _r.Add(new Row("S2", cc, "p99.9", open.Latency.Ms(99.9), b?.Item3, "ms"));
                _r.Add(new Row("S2", cc, "delivered msg/s", open.AchievedPerSecond, rate, "msg/s", "ratio is to the target rate"));
                _r.Add(new Row("S2", cc, "lost (must be 0)", open.Lost, null, "msgs", $"sent {open.Sent}, acked {open.Acked}, received by peer {open.Received}, send errors {open.Errors}{(open.LastError is null ? "" : " (" + open.LastError + ")")}"));
                _r.Add(new Row("S2", cc, "reordered (must be 0)", open.ReorderedBySender + open.ReorderedBySeq, null, "msgs", $"by sender order {open.ReorderedBySender}, by seq {open.ReorderedBySeq}; seq gaps seen {open.SeqGaps}; mean send lateness {open.LateStartMs:F2} ms"));
            }
        }
        await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
    }

    private async Task<ClosedLoopResult> S1Async(string scenario, string store, ServerProcess server, List<RelayPair> pairs, string c)
    {
        var warm = await Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, _p.Warmup, Tag(scenario.ToLowerInvariant() + "w")); // JIT and activations, not measured
        var pg0 = _pg?.CpuTicks() ?? 0;
        var res = await Window(scenario, server, _p.RelayDuration, () => Relay.ClosedLoopAsync(pairs, TimeSpan.Zero, _p.RelayDuration, Tag(scenario.ToLowerInvariant())));
        _lastPgSeconds = ((_pg?.CpuTicks() ?? 0) - pg0) / Proc.TicksPerSecond;
        res.Acked.AddRange(warm.Acked); // the durability check covers the warm-up messages too
        var cc = $"{store}, {c}";
        _r.Add(new Row(scenario, cc, "server CPU per delivered msg", CpuUsPer(res.Delivered, _p.RelayDuration, _p.RelayDuration), _relayCpuUs, "µs",
            "CPU time of the server process over the window / messages; robust to other load on the machine"));
        _r.Add(new Row(scenario, cc, "delivered msg/s", res.DeliveredPerSecond, _relayClosed?.Rate, "msg/s", "closed loop; baseline = S0 relay, same shape"));
        _r.Add(new Row(scenario, cc, "p50 send→peer", res.Latency.Ms(50), _relayClosed?.P50, "ms"));
        _r.Add(new Row(scenario, cc, "p99 send→peer", res.Latency.Ms(99), _relayClosed?.P99, "ms"));
        if (res.Errors > 0 || res.Lost > 0)
        {
            _r.Note($"{scenario} {store}: {res.Errors} send errors, {res.Lost} not delivered within 10 s; last error: {res.LastError}");
        }
        return res;
    }

    // ---------------------------------------------------------------- S3

    private async Task RunDurabilityAsync(string webDll)
    {
        var storeExists = Directory.Exists(Path.Combine(_root, "src/Grains/MatchChat.Storage.Postgres"));
        var havePg = PrivatePostgres.FindTool("initdb") is not null;
        var usePg = _o.Postgres switch
        {
            "on" => true,
            "off" => false,
            _ => storeExists && havePg,
        };
        if (usePg)
        {
            await using var pg = await PrivatePostgres.StartAsync();
            _pg = pg;
            foreach (var groupCommit in new[] { true, false })
            {
                var name = groupCommit ? "PostgreSQL, group commit" : "PostgreSQL, one row per transaction";
                var env = MatchChatEnv(pg.ConnectionString, groupCommit);
                ServerProcess server;
                try
                {
                    server = await ServerProcess.StartAsync($"matchchat-pg-gc{(groupCommit ? 1 : 0)}", webDll, env,
                        Path.Combine(_logDir, $"matchchat-s3-gc{(groupCommit ? 1 : 0)}.log"), TimeSpan.FromSeconds(120));
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                {
                    _r.Note($"S3: MatchChat did not start on PostgreSQL ({ex.Message.Split('\n')[0]}); falling back to the in-memory store.");
                    usePg = false;
                    _pg = null;
                    break;
                }
                try
                {
                    server = await DurabilityCaseAsync(server, name, env, webDll, $"matchchat-s3-gc{(groupCommit ? 1 : 0)}");
                }
                finally
                {
                    await server.DisposeAsync();
                }
            }
            _pg = null;
        }
        if (!usePg)
        {
            _r.Note($"S3 ran on the in-memory store, so it shows the acknowledged-equals-stored check and not PostgreSQL cost (PostgreSQL store project present: {storeExists}, initdb found: {havePg}, --pg {_o.Postgres}).");
            await using var server = await ServerProcess.StartAsync("matchchat-s3", webDll, MatchChatEnv(), Path.Combine(_logDir, "matchchat-s3-mem.log"), TimeSpan.FromSeconds(120));
            await DurabilityCaseAsync(server, "in-memory", null, webDll, null);
        }
    }

    /// <summary>Runs S1 against the server, then checks every acknowledged message is in GetHistory (after a hard restart in the full pass).</summary>
    private async Task<ServerProcess> DurabilityCaseAsync(ServerProcess server, string store, Dictionary<string, string>? env, string webDll, string? logName)
    {
        using var http = Clients.NewHttp(server.BaseUri);
        var pairs = await Relay.MatchChatPairsAsync(server, http, _p.Pairs, _o.SkipNegotiation, _r);
        await BaselineClosedAsync("S3 " + store);
        var res = await S1Async("S3", store, server, pairs, $"{pairs.Count * 2} conns");
        if (_pg is not null && res.Delivered > 0)
        {
            var pgSeconds = _lastPgSeconds;
            _r.Add(new Row("S3", $"{store}, {pairs.Count * 2} conns", "PostgreSQL CPU per delivered msg", pgSeconds * 1e6 / res.Delivered, null, "µs",
                "postmaster and its children (backends, WAL writer), same window"));
        }
        var restarted = false;
        var readers = pairs.Select(p => (p.A, p.Channel)).ToList();
        if (_p.RestartCheck && env is not null && logName is not null)
        {
            await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
            var port = server.Port;
            await server.DisposeAsync(); // SIGKILL: acknowledged messages must survive a crash
            server = await ServerProcess.StartAsync(server.Name + "-restarted", webDll, env, Path.Combine(_logDir, logName + "-restart.log"), TimeSpan.FromSeconds(120), port);
            restarted = true;
            var hub = new Uri(server.BaseUri, "/hubs/chat");
            var fresh = new List<(Peer, string)>();
            foreach (var (peer, channel) in readers)
            {
                var np = Clients.NewPeer(peer.Index, hub, peer.Member, _o.SkipNegotiation);
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
        _r.Add(new Row("S3", store, "acknowledged but not stored (must be 0)", missing + mismatched, null, "msgs",
            $"{res.Acked.Count} acknowledged, {stored} in history{(restarted ? " after kill -9 and restart" : "")}; {mismatched} stored with other content"));
        await Clients.DisposeAllAsync(readers.Select(r => r.Item1));
        if (!restarted)
        {
            await Clients.DisposeAllAsync(pairs.SelectMany(p => new[] { p.A, p.B }));
        }
        return server;
    }

    // ---------------------------------------------------------------- S4

    private sealed class ListenerState
    {
        public readonly HashSet<string> Open = [];
        public int MaxOpen;
        public int OffersWhileFull;
    }

    private const int Waves = 10;
    private TimeSpan S4Budget => TimeSpan.FromSeconds(_p.Name == "quick" ? 45 : 240);
    private double SettleSeconds => _p.Name == "quick" ? 6 : 20;
    private const int FifoToleranceMs = 50;

    private async Task RunMatchingAsync(string webDll)
    {
        const int capacity = 2;
        var m = _p.Seekers;
        var l = _p.Listeners;
        Log.Info($"S4: matching burst, {m} seekers, {l} listeners x {capacity}");
        await using var server = await ServerProcess.StartAsync("matchchat-s4", webDll, MatchChatEnv(), Path.Combine(_logDir, "matchchat-s4.log"), TimeSpan.FromSeconds(120));
        using var http = Clients.NewHttp(server.BaseUri);
        var setup = Stopwatch.StartNew();
        var (listeners, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", l, members: true, _o.SkipNegotiation, 64, http, 0);
        var (seekers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", m, members: true, _o.SkipNegotiation, 64, http, l);
        Log.Info($"S4: {l + m} members created and connected in {setup.Elapsed.TotalSeconds:F1}s");

        var offerTs = new ConcurrentDictionary<string, long>();
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
        await Clients.ForAsync(l, 32, async i =>
        {
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("Volunteer",
                new { topics = new[] { "grief" }, experiences = Array.Empty<string>(), maxConcurrentChats = capacity, acceptsTeens = false });
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("SetAvailable", true);
        }, TimeSpan.FromMinutes(5));
        await Task.Delay(1000);

        var burstStart = Stopwatch.GetTimestamp();
        var burstSeconds = 0.0;
        var waves = Math.Min(Waves, m);
        var waveOf = new int[m];
        await Window("S4", server, TimeSpan.FromSeconds(10), async () =>
        {
            var tasks = new Task[m];
            // All seekers arrive within a moment, in back-to-back waves: wave w+1 is sent as soon as every request of
            // wave w was answered, so arrival order between waves is known without trusting clocks (see docs).
            var budget = Stopwatch.StartNew();
            for (var w = 0; w < waves; w++)
            {
                if (budget.Elapsed > S4Budget)
                {
                    _r.Note($"S4: stopped after {w} of {waves} waves: the {S4Budget.TotalSeconds:F0} s budget for sending requests ran out (later seekers are left out of every S4 figure)");
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
                    tasks[idx] = seekers[idx].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = "grief" }).ContinueWith(t =>
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
                    await Task.WhenAll(tasks[from..to]).WaitAsync(S4Budget);
                }
                catch (TimeoutException)
                {
                    _r.Note($"S4: wave {w} not answered within 3 minutes");
                }
            }
            burstSeconds = (Stopwatch.GetTimestamp() - burstStart) / (double)Stopwatch.Frequency;
            try
            {
                await Task.WhenAll(tasks.Where(t => t is not null)).WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                _r.Note("S4: some RequestListener calls did not answer within 3 minutes");
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
        var s4CpuSeconds = _lastServerCpuSeconds;
        await Task.Delay(1000); // late ConversationEnded/Matched events for the capacity check

        var f = (double)Stopwatch.Frequency;
        var assignSeconds = Math.Max(1e-3, (Volatile.Read(ref lastMatch) - burstStart) / f);
        var toOffer = new Latency();
        var toMatch = new Latency();
        for (var i = 0; i < m; i++)
        {
            if (requestIds[i] is { } rid && offerTs.TryGetValue(rid, out var ot))
            {
                toOffer.RecordTicks(ot - startTs[i]);
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
        var c = $"{m} seekers, {l} listeners x {capacity}";
        var echo1000 = _echo.TryGetValue(1000, out var e) ? e : ((double, double, double)?)null;
        _r.Add(new Row("S4", c, "assignments/s", Interlocked.Read(ref matched) / assignSeconds, echo1000?.Item1, "matches/s",
            $"{matched} of {expected} possible matched in {assignSeconds:F1} s; ratio to S0 echo msg/s at 1000 conns; all {waves} waves sent and answered in {burstSeconds:F2} s"));
        var sent = requestIds.Count(x => x is not null);
        _r.Add(new Row("S4", c, "server CPU per request", sent == 0 ? double.NaN : s4CpuSeconds * 1000 / sent, _echoCpuUs1000 / 1000, "ms",
            "all server CPU in the burst window (enqueue, matching, offers, accepts, pushes) / answered requests; ratio to S0 echo CPU per message at 1000 conns"));
        _r.Add(new Row("S4", c, "p50 request→offer", toOffer.Ms(50), echo1000?.Item2, "ms", "ratio to S0 echo p50 at 1000 conns"));
        _r.Add(new Row("S4", c, "p99 request→offer", toOffer.Ms(99), echo1000?.Item3, "ms", $"ratio to S0 echo p99 at 1000 conns; {toOffer.Count} offers timed"));
        _r.Add(new Row("S4", c, "p99 request→Matched", toMatch.Ms(99), echo1000?.Item3, "ms", $"p50 {Results.Fmt(toMatch.Ms(50))} ms"));
        _r.Add(new Row("S4", c, "listeners ever over capacity (must be 0)", over, null, "listeners", $"offers received while at capacity: {offersWhileFull}; max open per listener {states.Max(s => s.MaxOpen)}"));
        _r.Add(new Row("S4", c, "FIFO violations (must be 0)", fifo, null, "seekers", $"{waves} waves; offered while an earlier wave had an unoffered seeker {fifoNever}, offered > {FifoToleranceMs} ms before an earlier-wave seeker {fifoLate}; {unmatched} left waiting; request errors {requestErrors}{(lastRequestError is null ? "" : " (" + lastRequestError + ")")}, accept errors {acceptErrors}{(lastAcceptError is null ? "" : " (" + lastAcceptError + ")")}"));
        await Clients.DisposeAllAsync(listeners.Concat(seekers));
    }

    // ---------------------------------------------------------------- S5

    private async Task RunDensityAsync(string webDll)
    {
        Log.Info("S5: density");
        await using var server = await ServerProcess.StartAsync("matchchat-s5", webDll, MatchChatEnv(), Path.Combine(_logDir, "matchchat-s5.log"), TimeSpan.FromSeconds(120));
        using var http = Clients.NewHttp(server.BaseUri);
        var (warm, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", 1, members: true, _o.SkipNegotiation, 1, http, -1);
        await warm[0].Conn.InvokeAsync<System.Text.Json.JsonElement>("GetMe");
        await Task.Delay(2000);
        await SettleAsync(server.Pid, SettleSeconds);
        var (rss0, anon0) = server.Memory();
        var cpu0 = new CpuWindow(server.Pid);
        await Task.Delay(_p.IdleCpuWindow);
        var idle0 = cpu0.Stop();
        _r.Add(new Row("S5", "0 members (after start)", "server idle CPU", idle0.CpuPercent, null, "% of a core", $"RSS {rss0 / 1024} MB"));
        var all = new List<Peer>();
        foreach (var target in _p.Density)
        {
            var add = target - all.Count;
            var sw = Stopwatch.StartNew();
            var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", add, members: true, _o.SkipNegotiation, 64, http, all.Count);
            await Clients.ForAsync(peers.Length, 64, async i => await peers[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("GetMe"), TimeSpan.FromMinutes(5));
            var rate = add / sw.Elapsed.TotalSeconds;
            all.AddRange(peers);
            await Task.Delay(2000);
            await SettleAsync(server.Pid, SettleSeconds);
            var (rss, anon) = server.Memory();
            var cpu = new CpuWindow(server.Pid);
            await Task.Delay(_p.IdleCpuWindow);
            var idle = cpu.Stop();
            var c = $"{target} members connected";
            _r.Add(new Row("S5", c, "server RSS per member", (rss - rss0) / (double)target, _idleKbPerConn, "KB",
                $"RSS {rss0 / 1024} → {rss / 1024} MB; anon {(anon - anon0) / (double)target:F1} KB/member; baseline = S0 per idle conn at {_p.IdleConnections}"));
            _r.Add(new Row("S5", c, "server idle CPU", idle.CpuPercent, _idleCpu, "% of a core", $"baseline = S0 at {_p.IdleConnections} idle conns; threads: {idle.Describe(3)}"));
            _r.Add(new Row("S5", c, "create+connect+GetMe rate", rate, _connectRate, "members/s", "baseline = S0 bare connect rate"));
        }
        if (_o.GcDump)
        {
            await GcDumpAsync("S5", server);
        }
        await Clients.DisposeAllAsync(all.Concat(warm));
    }
}
