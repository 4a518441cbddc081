using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MatchChat.Bench.Tail;

/// <summary>
/// Every message of one open loop as (scheduled send, latency), to tell a few stalls (every message of a short window
/// late: a pause) from uniform queueing (late messages spread over the whole run). Rendered per 100 ms of scheduled
/// send time: count, p50, p99, max.
/// </summary>
public sealed class OpenLoopTimeline
{
    private static readonly long BucketTicks = Stopwatch.Frequency / 10;
    private readonly ConcurrentQueue<(long Due, long Latency)> _samples = new();

    public long Start { get; set; }

    public void Record(long due, long latencyTicks) => _samples.Enqueue((due, latencyTicks));

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Pct(List<long> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private SortedDictionary<long, List<long>> Buckets()
    {
        var buckets = new SortedDictionary<long, List<long>>();
        foreach (var (due, latency) in _samples)
        {
            var b = Math.Max(0, (due - Start) / BucketTicks);
            if (!buckets.TryGetValue(b, out var list))
            {
                buckets[b] = list = [];
            }
            list.Add(latency);
        }
        foreach (var list in buckets.Values)
        {
            list.Sort();
        }
        return buckets;
    }

    /// <summary>The per-100 ms table (one line per bucket).</summary>
    public string Render()
    {
        var sb = new StringBuilder("t_s\tcount\tp50_ms\tp99_ms\tmax_ms\n");
        foreach (var (b, list) in Buckets())
        {
            sb.Append(CultureInfo.InvariantCulture, $"{b / 10.0:F1}\t{list.Count}\t{Pct(list, 50):F2}\t{Pct(list, 99):F2}\t{Ms(list[^1]):F2}\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Stalls or queueing: the p99 of the first 2 s and of the rest; how many 100 ms windows have a p99 over
    /// <paramref name="lateMs"/>; and which share of the messages later than that sit in the worst 5 % of windows.
    /// </summary>
    public string Summary(double lateMs)
    {
        var buckets = Buckets();
        if (buckets.Count == 0)
        {
            return "timeline: no samples";
        }
        var early = buckets.Where(kv => kv.Key < 20).SelectMany(kv => kv.Value).Order().ToList();
        var rest = buckets.Where(kv => kv.Key >= 20).SelectMany(kv => kv.Value).Order().ToList();
        var lateTicks = (long)(lateMs * Stopwatch.Frequency / 1000);
        var lateBy = buckets.Select(kv => (kv.Key, Late: kv.Value.Count(l => l > lateTicks), P99: Pct(kv.Value, 99))).ToList();
        var totalLate = lateBy.Sum(x => x.Late);
        var worst = lateBy.OrderByDescending(x => x.Late).Take(Math.Max(1, buckets.Count / 20)).ToList();
        var windowsOver = lateBy.Count(x => x.P99 > lateMs);
        var top = string.Join(", ", lateBy.OrderByDescending(x => x.P99).Take(5).Select(x => $"{x.Key / 10.0:F1}s {x.P99:F0} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"timeline: p99 first 2 s {Pct(early, 99):F1} ms, after {Pct(rest, 99):F1} ms; 100 ms windows with p99 > {lateMs:F1} ms: {windowsOver} of {buckets.Count}; " +
            $"messages later than that: {totalLate} of {_samples.Count}, {(totalLate == 0 ? 0 : 100.0 * worst.Sum(x => x.Late) / totalLate):F0} % of them in the worst 5 % of windows; worst windows (p99): {top}");
    }
}
