using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace MatchChat.Storage.Tests;

/// <summary>
/// A real PostgreSQL for tests. With <c>MATCHCHAT_TEST_PG</c> set to a connection string, that server is used.
/// Otherwise a private server is started from the installed binaries (<c>initdb</c>, <c>pg_ctl</c> on PATH or under
/// <c>/usr/lib/postgresql/*/bin</c>) in a temporary directory on a free port, as the <c>postgres</c> user when running
/// as root, and stopped and deleted at the end. Without binaries the fixture fails: it never skips.
/// Self-contained (Npgsql only), so other test projects can link or copy this file.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "MATCHCHAT_TEST_PG";

    private const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them with `apt-get install -y postgresql`, or set " + EnvironmentVariable + " to a connection string.";

    private string? _binDirectory;
    private string? _rootDirectory;
    private string? _dataDirectory;
    private bool _runAsPostgresUser;
    private int _databaseCounter;
    private string _serverOptions = "";

    /// <summary>The private server's <c>max_connections</c> (ignored for an external server).</summary>
    public int MaxConnections { get; init; } = 300;

    /// <summary>Connection string to the server's maintenance database (<c>postgres</c>).</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>True when this fixture started the server itself (and can restart it).</summary>
    public bool OwnsServer => _dataDirectory is not null;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            await WaitUntilAnswersAsync(TimeSpan.FromSeconds(30));
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(InstallHint);
        _runAsPostgresUser = IsRoot();
        _rootDirectory = Directory.CreateTempSubdirectory("matchchat-pg-").FullName;
        _dataDirectory = Path.Combine(_rootDirectory, "data");
        if (_runAsPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", _rootDirectory], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDirectory, "initdb"), ["-D", _dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);

        // Another test run may grab the free port between the probe and the start: try a few ports.
        var port = 0;
        for (var attempt = 1; ; attempt++)
        {
            port = FreeTcpPort();
            _serverOptions = $"-p {port} -k {_rootDirectory} -c listen_addresses=127.0.0.1 -c max_connections={MaxConnections}";
            try
            {
                await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                [
                    "-D", _dataDirectory, "-l", Path.Combine(_rootDirectory, "server.log"), "-w", "-t", "60",
                    "-o", _serverOptions, "start",
                ]);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        await WaitUntilAnswersAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_dataDirectory is null || _binDirectory is null || _rootDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns a (pooled) connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Crash-restarts the server. Without <paramref name="downtime"/>: <c>pg_ctl restart -m immediate</c>. With it:
    /// <c>pg_ctl stop -m immediate</c>, the server stays down that long, then <c>pg_ctl start</c>. Returns when it answers again.
    /// For an external server (<c>MATCHCHAT_TEST_PG</c>) it can only cut every other connection (<c>pg_terminate_backend</c>).
    /// </summary>
    public async Task RestartAsync(TimeSpan? downtime = null)
    {
        if (_dataDirectory is null || _binDirectory is null)
        {
            await TerminateOtherConnectionsAsync();
            return;
        }

        var pgCtl = Path.Combine(_binDirectory, "pg_ctl");
        if (downtime is null)
        {
            await RunAsync(pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "60", "restart"]);
        }
        else
        {
            await RunAsync(pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            await Task.Delay(downtime.Value);
            await RunAsync(pgCtl, ["-D", _dataDirectory, "-l", Path.Combine(_rootDirectory!, "server.log"), "-w", "-t", "60", "-o", _serverOptions, "start"]);
        }

        await WaitUntilAnswersAsync(TimeSpan.FromSeconds(60));
    }

    private async Task TerminateOtherConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname IS NOT NULL",
            connection);
        await command.ExecuteScalarAsync();
    }

    private async Task WaitUntilAnswersAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException or IOException && stopwatch.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _rootDirectory ?? Path.GetTempPath(),
        };
        if (asPostgres && _runAsPostgresUser)
        {
            startInfo.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // pg_ctl start leaves the server running with our pipes inherited: read until the process exits, not until EOF.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = _rootDirectory is not null && File.Exists(Path.Combine(_rootDirectory, "server.log"))
                ? await File.ReadAllTextAsync(Path.Combine(_rootDirectory, "server.log"))
                : "";
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` exited with {process.ExitCode}: {await Completed(stderr)} {await Completed(stdout)} {log}");
        }
    }

    private static async Task<string> Completed(Task<string> output) =>
        await Task.WhenAny(output, Task.Delay(500)) == output ? await output : "";

    private static string? FindBinDirectory()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
