using System.Globalization;

namespace MatchChat.Bench.Tail;

/// <summary>
/// The .NET runtime's own counters as a MatchChat node exports them at <c>GET /metrics</c> (the <c>System.Runtime</c>
/// meter): GC collections per generation, pause time, allocated bytes, JIT work, lock contentions, thread-pool threads.
/// Two scrapes around a measured window give what the runtime did in it (issue 12 goal 7: is the tail GC, JIT or the pool?).
/// </summary>
public static class RuntimeCounters
{
    /// <summary>Counter name (with the generation for GC collections) → value.</summary>
    public static async Task<Dictionary<string, double>> ScrapeAsync(Uri baseUri)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var text = await http.GetStringAsync(new Uri(baseUri, "/metrics"));
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith("dotnet_", StringComparison.Ordinal))
                {
                    continue;
                }
                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var space = line.LastIndexOf(' ');
                if (space < 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    continue;
                }
                var name = brace < 0 ? line[..space] : line[..brace];
                var gen = line.IndexOf("gc_heap_generation=\"", StringComparison.Ordinal);
                if (gen >= 0 && name == "dotnet_gc_collections_total")
                {
                    var s = gen + "gc_heap_generation=\"".Length;
                    name += ":" + line[s..line.IndexOf('"', s)];
                }
                values[name] = values.GetValueOrDefault(name) + v;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No counters: the line says so.
        }
        return values;
    }

    /// <summary>One line: what the runtime did between two scrapes, per delivered message where it helps.</summary>
    public static string Describe(Dictionary<string, double> before, Dictionary<string, double> after, long messages, string unit = "msg")
    {
        if (before.Count == 0 || after.Count == 0)
        {
            return "runtime counters: not available";
        }
        double D(string k) => after.GetValueOrDefault(k) - before.GetValueOrDefault(k);
        var gc0 = D("dotnet_gc_collections_total:gen0");
        var gc1 = D("dotnet_gc_collections_total:gen1");
        var gc2 = D("dotnet_gc_collections_total:gen2");
        var pauseMs = D("dotnet_gc_pause_time_seconds_total") * 1000;
        var gcs = gc0 + gc1 + gc2;
        var alloc = D("dotnet_gc_heap_total_allocated_bytes_total");
        var per = Math.Max(1, messages);
        return string.Create(CultureInfo.InvariantCulture,
            $"GCs gen0 {gc0:F0} / gen1 {gc1:F0} / gen2 {gc2:F0}, pause total {pauseMs:F1} ms (mean {(gcs == 0 ? 0 : pauseMs / gcs):F2} ms), " +
            $"allocated {alloc / per / 1024:F1} KB per {unit}; JIT {D("dotnet_jit_compiled_methods_total"):F0} methods, {D("dotnet_jit_compilation_time_seconds_total") * 1000:F0} ms; " +
            $"lock contentions {D("dotnet_monitor_lock_contentions_total"):F0}; pool threads {after.GetValueOrDefault("dotnet_thread_pool_thread_count_total"):F0}, " +
            $"queue {after.GetValueOrDefault("dotnet_thread_pool_queue_length_total"):F0}, work items {D("dotnet_thread_pool_work_item_count_total") / per:F1} per {unit}");
    }
}
