using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;
using MatchChat.Bench.Scenarios;

namespace MatchChat.Bench;

/// <summary>Builds and starts the servers, runs the selected scenarios (<see cref="ScenarioCatalog"/>) in order, and writes the results table.</summary>
public sealed class Runner
{
    private readonly Options _o;
    private readonly Profile _p;
    private readonly string _root;
    private readonly string _logDir;
    private readonly Results _r = new();

    public Runner(Options o, string root)
    {
        _o = o;
        _p = o.Profile;
        _root = root;
        _logDir = Path.Combine(root, "artifacts", "bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + _p.Name);
        Directory.CreateDirectory(_logDir);
    }

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var header = $"MatchChat benchmark, {_p.Name} pass, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                     $"transport WebSockets{(_o.SkipNegotiation ? " (skip negotiation)" : " (with negotiate)")}, JSON protocol";
        var echoDll = Path.Combine(_root, "src/Bench/MatchChat.EchoBaseline/bin/Release/net10.0/MatchChat.EchoBaseline.dll");
        var webDll = _o.WebDll ?? Path.Combine(_root, "src/Web/MatchChat.Web/bin/Release/net10.0/MatchChat.Web.dll");
        var selected = ScenarioCatalog.Selected(_o);
        var needMatchChat = selected.Any(s => s.NeedsMatchChat);
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

        // Tens of thousands of sockets (S0's idle steps, S5): a file limit for them (the servers inherit it) and
        // enough loopback source addresses for their ports.
        var most = Math.Max(_p.IdleConnections, selected.Any(s => s.Name == "S5") ? _p.Density.Max() : 0);
        var files = FileLimit.EnsureAtLeast((ulong)(most + 20_000));
        SourceAddresses.Use(_o.Sources ?? SourceAddresses.For(most));
        if (files < (ulong)(most + 2_000))
        {
            // Every connection is one file in the server and one in this driver; a server cannot hold more sockets than
            // its limit, so steps above it are left out (S0, S5) rather than failing half way.
            _r.Note($"open-file limit {files} (hard limit, not raisable here without CAP_SYS_RESOURCE) is below {most} connections + headroom: " +
                    $"steps above {FileLimit.MaxConnections} connections are skipped; raise it first (`ulimit -Hn {most + 20_000}; ulimit -n {most + 20_000}` as root)");
        }
        await using var echo = await ServerProcess.StartAsync("echo", echoDll, new Dictionary<string, string>(), Path.Combine(_logDir, "echo.log"), TimeSpan.FromSeconds(60));
        var context = new ScenarioContext(_o, _root, _logDir, _r, echo, webDll, selected);
        foreach (var scenario in selected)
        {
            if (scenario.NeedsMatchChat && !needMatchChat)
            {
                continue;
            }
            if (!scenario.UsesInMemoryRelay)
            {
                await context.ReleaseInMemoryRelayAsync();
            }
            if (scenario.AlwaysRuns)
            {
                await scenario.RunAsync(context);
            }
            else
            {
                await Guard(scenario.Name, () => scenario.RunAsync(context));
            }
        }
        await context.ReleaseInMemoryRelayAsync();
        if (context.Baseline.Pairs is { } basePairs)
        {
            await Clients.DisposeAllAsync(basePairs.SelectMany(p => new[] { p.A, p.B }));
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
}
