using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MatchChat.Bench.Tail;

/// <summary>
/// Every message of one open loop as (scheduled send, latency), to tell a few stalls (every message of a short window
/// late: a pause) from uniform queueing (late messages spread over the whole run). Rendered per 100 ms of scheduled
/// send time: count, p50, p99, max, and how late the load client itself started those sends (p99 and max of scheduled →
/// actually sent): a window whose messages were sent late was slowed in the load client, not in the server.
/// </summary>
public sealed class OpenLoopTimeline
{
    private static readonly long BucketTicks = Stopwatch.Frequency / 10;
    private readonly ConcurrentQueue<(long Due, long Latency)> _samples = new();
    private readonly ConcurrentQueue<(long Due, long Late)> _sends = new();

    public long Start { get; set; }

    public void Record(long due, long latencyTicks) => _samples.Enqueue((due, latencyTicks));

    /// <summary>One send started by the load client <paramref name="lateTicks"/> after its scheduled time.</summary>
    public void RecordSend(long due, long lateTicks) => _sends.Enqueue((due, Math.Max(0, lateTicks)));

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Pct(List<long> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private SortedDictionary<long, List<long>> Buckets() => Buckets(_samples);

    private SortedDictionary<long, List<long>> Buckets(IEnumerable<(long Due, long Ticks)> samples)
    {
        var buckets = new SortedDictionary<long, List<long>>();
        foreach (var (due, latency) in samples)
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
        var sends = Buckets(_sends);
        var sb = new StringBuilder("t_s\tcount\tp50_ms\tp99_ms\tmax_ms\tsend_late_p99_ms\tsend_late_max_ms\n");
        foreach (var (b, list) in Buckets())
        {
            var late = sends.GetValueOrDefault(b);
            sb.Append(CultureInfo.InvariantCulture, $"{b / 10.0:F1}\t{list.Count}\t{Pct(list, 50):F2}\t{Pct(list, 99):F2}\t{Ms(list[^1]):F2}\t");
            sb.Append(CultureInfo.InvariantCulture, $"{(late is null ? double.NaN : Pct(late, 99)):F2}\t{(late is null ? double.NaN : Ms(late[^1])):F2}\n");
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
        var sends = Buckets(_sends);
        string SendLate(long key) => sends.TryGetValue(key, out var l) ? $"{Pct(l, 99):F0}" : "?";
        var top = string.Join(", ", lateBy.OrderByDescending(x => x.P99).Take(5).Select(x => $"{x.Key / 10.0:F1}s {x.P99:F0} ms (sent late {SendLate(x.Key)})"));
        var allLate = _sends.Select(x => x.Late).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"timeline: p99 first 2 s {Pct(early, 99):F1} ms, after {Pct(rest, 99):F1} ms; 100 ms windows with p99 > {lateMs:F1} ms: {windowsOver} of {buckets.Count}; " +
            $"messages later than that: {totalLate} of {_samples.Count}, {(totalLate == 0 ? 0 : 100.0 * worst.Sum(x => x.Late) / totalLate):F0} % of them in the worst 5 % of windows; " +
            $"load client's send start late p99 {Pct(allLate, 99):F1} ms; worst windows (p99, and the load client's p99 send lateness in ms): {top}; " +
            $"window start {(double)Start / Stopwatch.Frequency:F3} s on the monotonic clock (to line up with perf -k CLOCK_MONOTONIC or /proc samplers)");
    }
}
