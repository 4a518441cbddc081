using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace MatchChat.Soak.Cluster;

/// <summary>
/// Two silo processes and two web nodes in <c>Client</c> mode on one PostgreSQL, as README "By hand, without Docker"
/// describes. A node can be killed with SIGKILL and started again: a silo on fresh ports (as a container would come
/// back), a web node on its old address (the address a load balancer would keep sending clients to).
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    private const int Silos = 2;
    private const int Webs = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly SoakSettings _settings;
    private readonly ISoakDatabase _database;
    private readonly Action<string> _log;
    private readonly Dictionary<string, string> _common;
    private readonly NodeProcess?[] _silos = new NodeProcess?[Silos];
    private readonly int[] _siloPorts = new int[Silos];
    private readonly NodeProcess?[] _webs = new NodeProcess?[Webs];
    private readonly Uri[] _webUrls = new Uri[Webs];

    public SoakCluster(SoakSettings settings, ISoakDatabase database, Action<string> log)
    {
        _settings = settings;
        _database = database;
        _log = log;
        _common = new Dictionary<string, string>
        {
            ["ConnectionStrings__MatchChat"] = database.ConnectionString,
            ["MatchChat__Cluster__AdvertisedIP"] = "127.0.0.1",
            ["MatchChat__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Every soak member is created from one address; the per-member message limits stay as shipped.
            ["MatchChat__Limits__MemberCreationsPerMinute"] = "0",
            // ...and every connection comes from that one address: no per-address connection cap.
            ["MatchChat__Web__MaxConnectionsPerAddress"] = "0",
            // Two silos on one machine: metrics on a port of their own would need one each; not needed here.
            ["MatchChat__Metrics__Port"] = "0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        for (var i = 0; i < Webs; i++)
        {
            _webUrls[i] = new Uri($"http://127.0.0.1:{FreePort()}");
        }
    }

    /// <summary>Where clients connect, as a load balancer would list them. An entry changes if a node had to move.</summary>
    public IReadOnlyList<Uri> WebUrls => _webUrls;

    public async Task StartAsync()
    {
        for (var i = 0; i < Silos; i++)
        {
            StartSilo(i);
        }

        // As docker-compose does: web nodes start once the silos are up.
        await Task.WhenAll(Enumerable.Range(0, Silos).Select(WaitSiloActiveAsync));
        for (var i = 0; i < Webs; i++)
        {
            StartWeb(i);
        }

        await Task.WhenAll(Enumerable.Range(0, Webs).Select(WaitWebHealthyAsync));
    }

    /// <summary>kill -9 of the named node (silo1, silo2, web1, web2), then starts it again and waits until it serves. Returns the fault.</summary>
    public async Task<Fault> KillAndRestartAsync(string target, TimeSpan at, Func<TimeSpan> clock)
    {
        var index = target[^1] - '1';
        var isSilo = target.StartsWith("silo", StringComparison.Ordinal);
        var victim = isSilo ? _silos[index] : _webs[index];
        if (victim is not null)
        {
            _log($"chaos: kill -9 {target} (pid {victim.Pid})");
            await victim.KillHardAsync();
            await victim.DisposeAsync();
        }

        // A supervisor's restart delay.
        await Task.Delay(TimeSpan.FromSeconds(2));
        if (isSilo)
        {
            StartSilo(index);
            await WaitSiloActiveAsync(index);
        }
        else
        {
            StartWeb(index);
            await WaitWebHealthyAsync(index);
        }

        var ready = clock();
        _log($"chaos: {target} serves again {(ready - at).TotalSeconds:F1}s after the kill");
        return new Fault("kill -9", target, at, ready);
    }

    public async Task<Fault> RestartPostgresAsync(TimeSpan at, Func<TimeSpan> clock)
    {
        _log("chaos: PostgreSQL restart -m immediate");
        await _database.RestartImmediateAsync();
        var ready = clock();
        _log($"chaos: PostgreSQL answers again {(ready - at).TotalSeconds:F1}s after the crash");
        return new Fault("pg restart -m immediate", "postgresql", at, ready);
    }

    /// <summary>Every node is running and answers (used before the final checks).</summary>
    public async Task WaitAllServingAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, Silos).Select(WaitSiloActiveAsync).Concat(Enumerable.Range(0, Webs).Select(WaitWebHealthyAsync)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _webs.Concat(_silos))
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
    }

    private void StartSilo(int index)
    {
        _siloPorts[index] = FreePort();
        var env = new Dictionary<string, string>(_common)
        {
            ["MatchChat__Cluster__SiloPort"] = _siloPorts[index].ToString(CultureInfo.InvariantCulture),
            ["MatchChat__Cluster__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
        _silos[index] = NodeProcess.Start(_settings.SiloDll, env, Path.Combine(_settings.LogDirectory, $"silo{index + 1}.log"));
        _log($"cluster: silo{index + 1} started (pid {_silos[index]!.Pid}, silo port {_siloPorts[index]})");
    }

    private void StartWeb(int index)
    {
        var env = new Dictionary<string, string>(_common) { ["MatchChat__Hosting__Mode"] = "Client" };
        _webs[index] = NodeProcess.Start(_settings.WebDll, env, Path.Combine(_settings.LogDirectory, $"web{index + 1}.log"),
            "--urls", _webUrls[index].ToString().TrimEnd('/'));
        _log($"cluster: web{index + 1} started (pid {_webs[index]!.Pid}, {_webUrls[index]})");
    }

    private async Task WaitSiloActiveAsync(int index)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_silos[index] is { HasExited: true })
            {
                throw new InvalidOperationException($"silo{index + 1} exited during start; see silo{index + 1}.log in {_settings.LogDirectory}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(_database.ConnectionString);
                await connection.OpenAsync();
                // Orleans' SiloStatus.Active is 3; the newest generation on this port is this process.
                await using var command = new NpgsqlCommand(
                    "SELECT status FROM orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
                command.Parameters.AddWithValue("port", _siloPorts[index]);
                if (await command.ExecuteScalarAsync() is int status && status == 3)
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                // The schema is not there yet, or PostgreSQL is restarting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"silo{index + 1} did not become active within {StartTimeout.TotalSeconds:F0}s");
            }

            await Task.Delay(250);
        }
    }

    private async Task WaitWebHealthyAsync(int index)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_webs[index] is { HasExited: true })
            {
                throw new InvalidOperationException($"web{index + 1} exited during start; see web{index + 1}.log in {_settings.LogDirectory}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(_webUrls[index], "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"web{index + 1} did not become healthy within {StartTimeout.TotalSeconds:F0}s");
            }

            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
