using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MatchChat.Bench;

/// <summary>Finds the repository root (the folder holding MatchChat.sln).</summary>
public static class Repo
{
    public static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MatchChat.sln")))
                {
                    return dir.FullName;
                }
                dir = dir.Parent;
            }
        }
        throw new InvalidOperationException("Cannot find MatchChat.sln above the current directory.");
    }
}

public static class Log
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly object Gate = new();

    public static void Info(string text)
    {
        lock (Gate)
        {
            Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1}s] {text}");
        }
    }
}

/// <summary>Runs a child command to completion with a time bound.</summary>
public static class Shell
{
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workDir = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = new Process { StartInfo = psi };
        var sb = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return (-1, sb + $"\n(timed out after {timeout.TotalSeconds:F0}s)");
        }
        lock (sb)
        {
            return (p.ExitCode, sb.ToString());
        }
    }

    /// <summary>dotnet build -c Release, retrying when another engineer's build holds a file.</summary>
    public static async Task<bool> BuildAsync(string root, string project)
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Log.Info($"building {project} (Release), attempt {attempt}");
            var (code, output) = await RunAsync("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", project], TimeSpan.FromMinutes(5), root);
            if (code == 0)
            {
                return true;
            }
            if (attempt < 4 && (output.Contains("being used by another process", StringComparison.OrdinalIgnoreCase) || output.Contains("MSB3027", StringComparison.Ordinal) || output.Contains("MSB3026", StringComparison.Ordinal)))
            {
                Log.Info("build blocked by a file lock; waiting 20 s");
                await Task.Delay(TimeSpan.FromSeconds(20));
                continue;
            }
            var tail = string.Join('\n', output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(15));
            Log.Info($"build of {project} failed:\n{tail}");
            return false;
        }
        return false;
    }
}

public static class Ports
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Reads /proc for a process: resident memory and CPU ticks, in total and per thread.</summary>
public static class Proc
{
    public static readonly double TicksPerSecond = 100.0; // getconf CLK_TCK on Linux

    public static (long RssKb, long AnonKb) Memory(int pid)
    {
        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKb(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = ParseKb(line);
            }
        }
        return (rss, anon);
    }

    private static long ParseKb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>utime+stime of a process or thread stat file, in clock ticks.</summary>
    public static long Ticks(string statPath)
    {
        try
        {
            var s = File.ReadAllText(statPath);
            var close = s.LastIndexOf(')');
            var f = s[(close + 2)..].Split(' ');
            return long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static long ProcessTicks(int pid) => Ticks($"/proc/{pid}/stat");

    /// <summary>Per-thread CPU ticks keyed by thread id, with the thread's name.</summary>
    public static Dictionary<int, (string Name, long Ticks)> Threads(int pid)
    {
        var result = new Dictionary<int, (string, long)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var tid))
                {
                    continue;
                }
                try
                {
                    var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                    result[tid] = (name, Ticks(Path.Combine(dir, "stat")));
                }
                catch (IOException)
                {
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        return result;
    }
}

/// <summary>CPU used by a process over a window, in total and grouped by thread name.</summary>
public sealed class CpuWindow
{
    private readonly int _pid;
    private readonly long _startTicks;
    private readonly Dictionary<int, (string Name, long Ticks)> _startThreads;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public CpuWindow(int pid)
    {
        _pid = pid;
        _startTicks = Proc.ProcessTicks(pid);
        _startThreads = Proc.Threads(pid);
    }

    public sealed record Result(double Seconds, double CpuPercent, IReadOnlyList<(string Group, double CpuPercent)> ByThread)
    {
        public string Describe(int top = 5) =>
            $"{CpuPercent:F0}% of one core; " + string.Join(", ", ByThread.Take(top).Select(t => $"{t.Group} {t.CpuPercent:F0}%"));
    }

    public Result Stop()
    {
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var endTicks = Proc.ProcessTicks(_pid);
        var endThreads = Proc.Threads(_pid);
        var groups = new Dictionary<string, long>();
        foreach (var (tid, (name, ticks)) in endThreads)
        {
            var before = _startThreads.TryGetValue(tid, out var s) ? s.Ticks : 0;
            var group = Normalise(name);
            groups[group] = groups.GetValueOrDefault(group) + (ticks - before);
        }
        var list = groups.Where(g => g.Value > 0)
            .OrderByDescending(g => g.Value)
            .Select(g => (g.Key, g.Value / Proc.TicksPerSecond / seconds * 100))
            .ToList();
        return new Result(seconds, (endTicks - _startTicks) / Proc.TicksPerSecond / seconds * 100, list);
    }

    /// <summary>Thread names are truncated to 15 characters by Linux; strip numbering so pools group together.</summary>
    private static string Normalise(string name)
    {
        var trimmed = name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '#', '-', '_');
        return trimmed.Length == 0 ? name : trimmed;
    }
}

/// <summary>Whole-machine busy CPU over a window (from /proc/stat), in % of one core, to see other engineers' load.</summary>
public sealed class MachineWindow
{
    private readonly (long Busy, long Total) _start = Read();

    private static (long Busy, long Total) Read()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = f[3] + f[4];
        var total = f.Take(8).Sum();
        return (total - idle, total);
    }

    public double Stop()
    {
        var end = Read();
        var total = end.Total - _start.Total;
        return total <= 0 ? 0 : (end.Busy - _start.Busy) * 100.0 * Environment.ProcessorCount / total;
    }
}

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

/// <summary>A private PostgreSQL server in a temporary folder, for S3.</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _pgCtl;
    private readonly bool _asRoot;

    private PrivatePostgres(string dir, string pgCtl, int port, bool asRoot)
    {
        _dir = dir;
        _pgCtl = pgCtl;
        Port = port;
        _asRoot = asRoot;
    }

    public int Port { get; }

    /// <summary>CPU ticks of this PostgreSQL: the postmaster and its child processes (backends, writer, WAL writer).</summary>
    public long CpuTicks()
    {
        int master;
        try
        {
            master = int.Parse(File.ReadLines(Path.Combine(_dir, "postmaster.pid")).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
        long total = Proc.ProcessTicks(master);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == master)
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) == master)
                {
                    total += long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }
        return total;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=matchchat;Pooling=true;Maximum Pool Size=50";

    public static string? FindTool(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            dirs.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var initdb = FindTool("initdb") ?? throw new InvalidOperationException("initdb not found");
        var pgCtl = FindTool("pg_ctl") ?? throw new InvalidOperationException("pg_ctl not found");
        var psql = FindTool("psql") ?? throw new InvalidOperationException("psql not found");
        var asRoot = Environment.UserName == "root";
        var dir = Path.Combine(Path.GetTempPath(), $"mcbench-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        if (asRoot)
        {
            await Shell.RunAsync("chown", ["postgres:postgres", dir], TimeSpan.FromSeconds(10));
        }
        var port = Ports.Free();
        var pg = new PrivatePostgres(dir, pgCtl, port, asRoot);
        var (code, output) = await pg.AsPostgres(initdb, ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync"], TimeSpan.FromSeconds(120));
        if (code != 0)
        {
            throw new InvalidOperationException("initdb failed: " + output);
        }
        (code, output) = await pg.AsPostgres(pgCtl, ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"], TimeSpan.FromSeconds(90));
        if (code != 0)
        {
            throw new InvalidOperationException("pg_ctl start failed: " + output);
        }
        (code, output) = await pg.AsPostgres(psql, ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-c", "CREATE DATABASE matchchat"], TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException("create database failed: " + output);
        }
        Log.Info($"postgres: started on port {port} in {dir}");
        return pg;
    }

    private Task<(int, string)> AsPostgres(string tool, IEnumerable<string> args, TimeSpan timeout) =>
        _asRoot
            ? Shell.RunAsync("runuser", new[] { "-u", "postgres", "--", tool }.Concat(args), timeout, "/tmp")
            : Shell.RunAsync(tool, args, timeout, "/tmp");

    public async ValueTask DisposeAsync()
    {
        await AsPostgres(_pgCtl, ["-D", _dir, "-m", "immediate", "stop"], TimeSpan.FromSeconds(60));
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
