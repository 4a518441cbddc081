using MatchChat.Bench.Scenarios;

namespace MatchChat.Bench;

/// <summary>Sizes of one pass. Quick fits in under 3 minutes on 2 cores; full is what the issue asks for.</summary>
public sealed record Profile(
    string Name,
    int[] EchoConnections,
    TimeSpan EchoDuration,
    int IdleConnections,
    TimeSpan IdleCpuWindow,
    int Pairs,
    TimeSpan Warmup,
    TimeSpan RelayDuration,
    int[] OpenRates,
    TimeSpan OpenDuration,
    int Seekers,
    int Listeners,
    int[] Density,
    bool RestartCheck)
{
    public static readonly Profile Quick = new(
        "quick", [1, 10, 100, 1000], TimeSpan.FromSeconds(2), 2000, TimeSpan.FromSeconds(3),
        50, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3), [500], TimeSpan.FromSeconds(3),
        1000, 200, [2000], RestartCheck: false);

    public static readonly Profile Full = new(
        "full", [1, 10, 100, 1000], TimeSpan.FromSeconds(10), 2000, TimeSpan.FromSeconds(15),
        50, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), [500, 1000], TimeSpan.FromSeconds(15),
        10000, 2000, [2000, 10000], RestartCheck: true);
}

public sealed class Options
{
    public Profile Profile { get; private set; } = Profile.Quick;
    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool Build { get; private set; } = true;
    public string? Trace { get; private set; }
    public string Postgres { get; private set; } = "auto";
    public bool SkipNegotiation { get; private set; } = true;
    public string? WebDll { get; private set; }
    public int[]? Rates { get; private set; }
    public string? Out { get; private set; }
    public bool GcDump { get; private set; }

    /// <summary><c>--s4-cold</c>: S4 without its warm-up (a server's first burst after start, JIT tiers and all).</summary>
    public bool S4Cold { get; private set; }

    /// <summary><c>--s4-bursts N</c>: S4's burst N times in one server (reset between them), each reported, and their median.</summary>
    public int S4Bursts { get; private set; } = 1;

    /// <summary><c>--density-hold SECONDS</c>: after S5's last step, keep the members connected this long and measure again.</summary>
    public TimeSpan? DensityHold { get; private set; }

    /// <summary><c>--sources N</c>: loopback source addresses 127.0.0.1..N for client sockets (default: enough for the largest step).</summary>
    public int? Sources { get; private set; }

    /// <summary>[network] <c>--meaning both</c>: S4 twice in one run, matching by meaning off then on, listeners with bios and seekers with notes.</summary>
    public bool MeaningBoth { get; private set; }

    /// <summary><c>--soak</c>: only the chaos soak (S6), this long.</summary>
    public TimeSpan? Soak { get; private set; }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    o.Profile = Profile.Quick;
                    break;
                case "--full":
                    o.Profile = Profile.Full;
                    break;
                case "--only":
                    foreach (var s in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        o.Only.Add(s);
                    }
                    break;
                case "--no-build":
                    o.Build = false;
                    break;
                case "--trace":
                    o.Trace = args[++i];
                    break;
                case "--pg":
                    o.Postgres = args[++i];
                    break;
                case "--negotiate":
                    o.SkipNegotiation = false;
                    break;
                case "--web-dll":
                    o.WebDll = args[++i];
                    break;
                case "--rate":
                    o.Rates = args[++i].Split(',').Select(int.Parse).ToArray();
                    break;
                case "--seekers":
                    o.Profile = o.Profile with { Seekers = int.Parse(args[++i]) };
                    break;
                case "--listeners":
                    o.Profile = o.Profile with { Listeners = int.Parse(args[++i]) };
                    break;
                case "--soak":
                    o.Soak = TimeSpan.FromMinutes(10);
                    o.Profile = o.Profile with { Name = "soak" };
                    break;
                case "--soak-minutes":
                    o.Soak = TimeSpan.FromMinutes(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
                    o.Profile = o.Profile with { Name = "soak" };
                    break;
                case "--meaning":
                    o.MeaningBoth = args[++i] == "both";
                    break;
                case "--density":
                    o.Profile = o.Profile with { Density = args[++i].Split(',').Select(int.Parse).ToArray() };
                    break;
                case "--density-hold":
                    o.DensityHold = TimeSpan.FromSeconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "--sources":
                    o.Sources = int.Parse(args[++i]);
                    break;
                case "--s4-cold":
                    o.S4Cold = true;
                    break;
                case "--s4-bursts":
                    o.S4Bursts = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--gcdump":
                    o.GcDump = true;
                    break;
                case "--out":
                    o.Out = args[++i];
                    break;
                case "-h":
                case "--help":
                    Console.WriteLine("""
                        MatchChat benchmark driver (issue 5). Run from the repository root:
                          dotnet run -c Release --project src/Bench/MatchChat.Bench -- --quick   (every scenario, small counts, < 3 min)
                          dotnet run -c Release --project src/Bench/MatchChat.Bench -- --full    (the sizes the issue asks for)
                        Options:
                          --only S0,S1,...   run some scenarios (S0 baseline parts they need always run)
                          --no-build         do not build src/Web/MatchChat.Web in Release first
                          --web-dll PATH     MatchChat.Web.dll to run (default: its Release build output)
                          --pg auto|on|off|only   S3, S4, S8 also on a private PostgreSQL (auto: when initdb and the PostgreSQL store exist; only: S4 on PostgreSQL alone)
                          --rate 500,1000    S2 arrival rates in msg/s
                          --seekers N --listeners N   S4 sizes (after --quick/--full)
                          --s4-cold          S4 without its warm-up on another topic (a server's first burst after start)
                          --s4-bursts N      S4's burst N times in one server (requests cancelled and conversations ended between them); each burst's rows and their median
                          --meaning both     S4 with matching by meaning off and on (bios and notes), in one run
                          --trace S1         dotnet-trace (sampled thread time) of the server during that scenario's window
                          --density 2000,10000,50000   S5 steps (and S0's idle steps, so each has a bare figure of the same size)
                          --density-hold S   after S5's last step keep the members connected S seconds more and measure again
                          --sources N        bind client sockets round-robin to 127.0.0.1..N (default: 1, or enough for 20,000 ports each at 2x the largest step)
                          --gcdump           dotnet-gcdump of the server at the S0 idle point, the last S5 point and after S4's last burst
                          --negotiate        do the SignalR negotiate round trip (default: WebSockets with SkipNegotiation)
                          --soak-minutes N   the chaos soak, N minutes instead of 10
                          --out FILE         also write the table to FILE (default artifacts/bench/<time>-<profile>.md)
                        """);
                    Console.WriteLine("Scenarios:");
                    foreach (var scenario in ScenarioCatalog.All)
                    {
                        Console.WriteLine($"  {scenario.Name,-4} {scenario.Description}");
                    }
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]} (try --help)");
            }
        }
        return o;
    }
}
