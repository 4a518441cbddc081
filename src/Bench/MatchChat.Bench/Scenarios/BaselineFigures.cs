namespace MatchChat.Bench.Scenarios;

/// <summary>S0 figures the MatchChat scenarios are compared with (ratios), filled as they are measured.</summary>
public sealed class BaselineFigures
{
    /// <summary>Echo, closed loop, by connection count.</summary>
    public Dictionary<int, (double Rate, double P50, double P99)> Echo { get; } = [];

    /// <summary>Server CPU µs per echo at 1,000 connections.</summary>
    public double? EchoCpuUs1000 { get; set; }

    public double? IdleKbPerConn { get; set; }
    public double? IdleCpu { get; set; }
    public double? ConnectRate { get; set; }

    /// <summary>S0's RSS per idle connection and idle CPU by number of idle connections (S0's steps).</summary>
    public Dictionary<int, double> IdleKbPerConnAt { get; } = [];

    public Dictionary<int, double> IdleCpuAt { get; } = [];

    /// <summary>The S0 step of this size, else the largest step below it, else the profile's idle size.</summary>
    public int NearestIdleStep(int n) =>
        IdleKbPerConnAt.Keys.Where(k => k <= n).DefaultIfEmpty(IdleKbPerConnAt.Keys.DefaultIfEmpty(0).Min()).Max();

    /// <summary>The last relay baseline, closed loop (measured right before the figure compared with it).</summary>
    public (double Rate, double P50, double P99)? RelayClosed { get; set; }
    public double? RelayCpuUs { get; set; }

    /// <summary>Relay baseline, open loop, by target rate.</summary>
    public Dictionary<int, (double P50, double P99, double P999)> RelayOpen { get; } = [];

    /// <summary>Pairs on the echo server with the shape of S1/S2, kept connected for the whole pass.</summary>
    public List<RelayPair>? Pairs { get; set; }
}
