using System.Globalization;
using System.Text;
using MatchChat.Bench.Infra;

namespace MatchChat.Bench;

/// <summary>One line of the results table. Baseline is the S0 figure measured in the same run (null where there is none).</summary>
public sealed record Row(string Scenario, string Case, string Metric, double Value, double? Baseline, string Unit, string Note = "");

public sealed class Results
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _profiles = [];

    public void Add(Row row)
    {
        lock (_rows)
        {
            _rows.Add(row);
        }
        Log.Info($"  {row.Scenario} {row.Case} {row.Metric} = {Fmt(row.Value)} {row.Unit}" + (row.Baseline is { } b ? $" (baseline {Fmt(b)}, ratio {Ratio(row)})" : ""));
    }

    public void Note(string text)
    {
        lock (_notes)
        {
            _notes.Add(text);
        }
        Log.Info("  note: " + text);
    }

    /// <summary>Where CPU went during a measured window (per-thread /proc sampling).</summary>
    public void Profile(string scenario, string who, CpuWindow.Result r)
    {
        var line = $"{scenario} {who}: {r.Describe(6)}";
        lock (_profiles)
        {
            _profiles.Add(line);
        }
        Log.Info("  cpu: " + line);
    }

    public void Other(string line)
    {
        lock (_profiles)
        {
            _profiles.Add(line);
        }
        Log.Info("  " + line);
    }

    public static string Fmt(double v) => double.IsNaN(v) ? "n/a"
        : Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 10 ? v.ToString("F1", CultureInfo.InvariantCulture)
        : v.ToString("F2", CultureInfo.InvariantCulture);

    public static string Ratio(Row r) => r.Baseline is { } b && b != 0 && !double.IsNaN(b) && !double.IsNaN(r.Value)
        ? (r.Value / b).ToString("F2", CultureInfo.InvariantCulture) + "×"
        : "";

    public string Render(string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine(header);
        sb.AppendLine();
        sb.AppendLine("| scenario | case | metric | MatchChat / value | S0 baseline | ratio | note |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---|");
        lock (_rows)
        {
            foreach (var r in _rows)
            {
                sb.AppendLine($"| {r.Scenario} | {r.Case} | {r.Metric} ({r.Unit}) | {Fmt(r.Value)} | {(r.Baseline is { } b ? Fmt(b) : "")} | {Ratio(r)} | {r.Note} |");
            }
        }
        if (_notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Notes:");
            foreach (var n in _notes)
            {
                sb.AppendLine("- " + n);
            }
        }
        if (_profiles.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("CPU by thread during measured windows (from /proc/PID/task/*/stat; 100% = one core, machine has " + Environment.ProcessorCount + "):");
            foreach (var p in _profiles)
            {
                sb.AppendLine("- " + p);
            }
        }
        return sb.ToString();
    }
}
