namespace MatchChat.Bench.Infra;

/// <summary>A private PostgreSQL server in a temporary folder, for S3 and the soak (S6).</summary>
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

    /// <summary>
    /// Over loopback TCP by default; MCBENCH_PG_UNIX=1 connects through the server's Unix-domain socket in its folder
    /// (an A/B of the transport's kernel cost).
    /// </summary>
    public string ConnectionString => Environment.GetEnvironmentVariable("MCBENCH_PG_UNIX") == "1"
        ? $"Host={_dir};Port={Port};Username=postgres;Database=matchchat;Pooling=true;Maximum Pool Size=50"
        : $"Host=127.0.0.1;Port={Port};Username=postgres;Database=matchchat;Pooling=true;Maximum Pool Size=50";

    public static string? FindTool(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            dirs.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// MCBENCH_PG_STATS=1: load pg_stat_statements, so <see cref="StatsAsync"/> can report where the database's time went.
    /// MCBENCH_PG_SETTINGS: more server settings for an A/B run, e.g. "-c autovacuum_vacuum_cost_delay=20".
    /// </summary>
    private static bool StatsWanted => Environment.GetEnvironmentVariable("MCBENCH_PG_STATS") == "1";

    private static string ExtraSettings => (StatsWanted
        ? " -c shared_preload_libraries=pg_stat_statements -c track_io_timing=on -c log_autovacuum_min_duration=0 -c log_line_prefix=%m"
        : "") + (Environment.GetEnvironmentVariable("MCBENCH_PG_SETTINGS") is { Length: > 0 } settings ? " " + settings : "");

    /// <summary>How far <see cref="StatsAsync"/> has read the server's log (its autovacuum lines).</summary>
    private long _logRead;

    /// <summary>With MCBENCH_PG_STATS=1: statements by total time, commits and WAL since the last call (else null).</summary>
    public async Task<string?> StatsAsync(bool reset)
    {
        if (!StatsWanted)
        {
            return null;
        }
        var psql = FindTool("psql")!;
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Report = """
            CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
            SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
                   rows, round(shared_blks_hit::numeric / greatest(calls, 1), 1) AS blks_per_call, wal_bytes / greatest(calls, 1) AS wal_per_call,
                   left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
              FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12;
            SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned FROM pg_stat_database WHERE datname = 'matchchat';
            SELECT wal_records, wal_fpi, pg_size_pretty(wal_bytes) AS wal, wal_write, wal_sync, round(wal_sync_time::numeric, 0) AS sync_ms FROM pg_stat_wal;
            SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables ORDER BY n_tup_upd + n_tup_ins DESC LIMIT 6;
            SELECT relname, autovacuum_count, autoanalyze_count, last_autovacuum, last_autoanalyze, now() FROM pg_stat_user_tables WHERE autovacuum_count + autoanalyze_count > 0
            """;
        var sql = reset
            ? "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset(); SELECT pg_stat_reset(); SELECT pg_stat_reset_shared('wal');"
            : Report;
        List<string> args = ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "matchchat"];
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            args.AddRange(["-c", statement]);
        }
        var (_, output) = await AsPostgres(psql, args, TimeSpan.FromSeconds(60));
        var autovacuum = AutovacuumSinceLastRead();
        if (reset)
        {
            Log.Info($"postgres: statistics reset at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
            return output;
        }
        return output + autovacuum;
    }

    /// <summary>The server log's autovacuum and autoanalyze lines (with their CPU) since the last call.</summary>
    private string AutovacuumSinceLastRead()
    {
        var log = Path.Combine(_dir, "server.log");
        if (!File.Exists(log))
        {
            return "";
        }
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(_logRead, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        _logRead = stream.Length;
        var lines = text.Split('\n').Where(l => l.Contains("automatic", StringComparison.Ordinal) || l.Contains("system usage", StringComparison.Ordinal) || l.Contains("checkpoint", StringComparison.Ordinal));
        return "\nautovacuum and checkpoints in the server log since the window began:\n" + string.Join('\n', lines.Select(l => "  " + l.Trim()));
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
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200{ExtraSettings}", "start"], TimeSpan.FromSeconds(90));
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

    /// <summary>Crash restart (<c>pg_ctl restart -m immediate</c>, same options); returns when the server is back.</summary>
    public async Task RestartImmediateAsync()
    {
        var (code, output) = await AsPostgres(_pgCtl, ["-D", _dir, "-l", Path.Combine(_dir, "server.log"), "-m", "immediate", "-w", "-t", "60", "restart"], TimeSpan.FromSeconds(90));
        if (code != 0)
        {
            throw new InvalidOperationException("pg_ctl restart failed: " + output);
        }
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
