namespace MatchChat.Soak;

/// <summary>
/// Sizes and timing of one soak. <see cref="Test"/> is the 2-minute version the test command runs (modest load for a
/// busy 2-core machine); <see cref="Benchmark"/> is the 10-minute benchmark mode (<c>--soak</c>).
/// </summary>
public sealed record SoakSettings
{
    public required string SiloDll { get; init; }
    public required string WebDll { get; init; }

    /// <summary>Node logs go here (silo1.log, web1.log, …).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>How long clients chat while the chaos loop runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Conversations kept going: this many seekers (each has at most one at a time).</summary>
    public int Conversations { get; init; } = 12;

    /// <summary>Each listener takes up to this many conversations at once.</summary>
    public int ListenerCapacity { get; init; } = 2;

    /// <summary>Members who sit in rooms and talk there.</summary>
    public int RoomMembers { get; init; } = 6;

    /// <summary>Seeker and listener topics (and the rooms the room members sit in).</summary>
    public IReadOnlyList<string> Topics { get; init; } = ["loneliness", "anxiety", "stress"];

    /// <summary>Time between faults: one is drawn uniformly from this range after the previous victim serves again.</summary>
    public TimeSpan FaultEveryMin { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan FaultEveryMax { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Each participant sends one message every this long (uniformly drawn), as a person types.</summary>
    public TimeSpan SendEveryMin { get; init; } = TimeSpan.FromSeconds(1.5);
    public TimeSpan SendEveryMax { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long to let clients finish (outboxes empty, everyone connected) before the checks.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(120);

    public int Seed { get; init; } = Environment.TickCount;

    public int Listeners => (Conversations + ListenerCapacity - 1) / ListenerCapacity + 1;

    public static SoakSettings Test(string siloDll, string webDll, string logDirectory) => new()
    {
        SiloDll = siloDll,
        WebDll = webDll,
        LogDirectory = logDirectory,
    };

    public static SoakSettings Benchmark(string siloDll, string webDll, string logDirectory, TimeSpan duration) => new()
    {
        SiloDll = siloDll,
        WebDll = webDll,
        LogDirectory = logDirectory,
        Duration = duration,
        Conversations = 50,
        RoomMembers = 20,
        FaultEveryMin = TimeSpan.FromSeconds(30),
        FaultEveryMax = TimeSpan.FromSeconds(60),
    };
}
