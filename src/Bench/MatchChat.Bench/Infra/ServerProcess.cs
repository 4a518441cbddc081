using System.Diagnostics;

namespace MatchChat.Bench.Infra;

/// <summary>A server under test, run as a child process on a free loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, int port, string name)
    {
        _process = process;
        _log = log;
        Port = port;
        Name = name;
    }

    public string Name { get; }
    public int Port { get; }
    public int Pid => _process.Id;
    public Uri BaseUri => new($"http://127.0.0.1:{Port}");
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Waits until the fresh server's own start-up work is done: its CPU over one second below 5 % of a core (the crisis
    /// model embeds its prototypes and exemplars after /healthz answers: 28 s at its idle priority on a loaded machine).
    /// A baseline measured while it warms up would run against the server's warm-up and flatter every ratio to it.
    /// Gives up after 90 s and says so.
    /// </summary>
    public async Task WaitQuietAsync()
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(90) && !_process.HasExited)
        {
            var before = Proc.ProcessTicks(Pid);
            await Task.Delay(1000);
            var percent = (Proc.ProcessTicks(Pid) - before) / Proc.TicksPerSecond * 100;
            if (percent < 5)
            {
                Log.Info($"{Name}: quiet after {sw.Elapsed.TotalSeconds:F1}s ({percent:F0}% of a core over the last second)");
                return;
            }
        }

        Log.Info($"{Name}: still busy after {sw.Elapsed.TotalSeconds:F0}s; measuring anyway");
    }

    public static async Task<ServerProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> env, string logPath, TimeSpan timeout, int? port = null)
    {
        var p = port ?? Ports.Free();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{p}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, p, name);
        Log.Info($"{name}: started pid {process.Id} on port {p}, log {logPath}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} during start; see {logPath}");
            }
            try
            {
                using var resp = await http.GetAsync(new Uri(server.BaseUri, "/healthz"));
                if (resp.IsSuccessStatusCode)
                {
                    Log.Info($"{name}: healthy after {sw.Elapsed.TotalSeconds:F1}s");
                    await server.WaitQuietAsync();
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"{name} not healthy after {timeout.TotalSeconds:F0}s; see {logPath}");
    }

    public (long RssKb, long AnonKb) Memory() => Proc.Memory(Pid);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
