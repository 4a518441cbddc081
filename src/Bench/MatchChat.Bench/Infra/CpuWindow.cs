using System.Diagnostics;

namespace MatchChat.Bench.Infra;

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

    /// <summary><c>ByThread</c>: per thread-name group, its CPU and how many of its threads ran in the window.</summary>
    public sealed record Result(double Seconds, double CpuPercent, IReadOnlyList<(string Group, double CpuPercent, int Threads)> ByThread)
    {
        public string Describe(int top = 5) =>
            $"{CpuPercent:F0}% of one core; " + string.Join(", ", ByThread.Take(top).Select(t =>
                t.Threads > 1 ? $"{t.Group} {t.CpuPercent:F0}% ({t.Threads} threads)" : $"{t.Group} {t.CpuPercent:F0}%"));
    }

    public Result Stop()
    {
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var endTicks = Proc.ProcessTicks(_pid);
        var endThreads = Proc.Threads(_pid);
        var groups = new Dictionary<string, (long Ticks, int Threads)>();
        foreach (var (tid, (name, ticks)) in endThreads)
        {
            var before = _startThreads.TryGetValue(tid, out var s) ? s.Ticks : 0;
            var group = Normalise(name);
            var (sum, count) = groups.GetValueOrDefault(group);
            groups[group] = (sum + (ticks - before), count + (ticks > before ? 1 : 0));
        }
        var list = groups.Where(g => g.Value.Ticks > 0)
            .OrderByDescending(g => g.Value.Ticks)
            .Select(g => (g.Key, g.Value.Ticks / Proc.TicksPerSecond / seconds * 100, g.Value.Threads))
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
