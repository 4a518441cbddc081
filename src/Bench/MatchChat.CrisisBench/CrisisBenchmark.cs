using System.Diagnostics;
using System.Globalization;
using MatchChat.Language.Detection;
using MatchChat.Language.Meaning;

namespace MatchChat.CrisisBench;

/// <summary>
/// What crisis screening costs on one core: µs and bytes allocated per message for the cheap screen, ms per model call, the share
/// of a realistic chat mix that reaches the model, and the highest message rate at which every message is still
/// fully screened (screen on all, model on candidates) by one core.
/// Run: <c>dotnet run -c Release --project src/Bench/MatchChat.CrisisBench [messages]</c>.
/// </summary>
public static class CrisisBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var mix = ChatMix.Build(messages, seed: 7);

        var screenOnly = new CrisisDetector();
        var loadWatch = Stopwatch.StartNew();
        using var embedder = new MiniLmEmbedder();
        var detector = new CrisisDetector(embedder);
        await detector.WarmUpAsync();
        var loadMs = loadWatch.Elapsed.TotalMilliseconds;

        // Warm the JIT.
        foreach (var text in mix.Take(2_000))
        {
            screenOnly.Screen(text, CrisisRole.Seeker, null);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        var toModel = 0;
        foreach (var text in mix)
        {
            if (detector.Screen(text, CrisisRole.Seeker, null).NeedsModel)
            {
                toModel++;
            }
        }

        var screenUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / mix.Count;
        var screenBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)mix.Count;
        var screenWallUs = wall.Elapsed.TotalMicroseconds / mix.Count;

        var candidates = mix.Where(t => detector.Screen(t, CrisisRole.Seeker, null).NeedsModel).Distinct().ToList();
        var calls = Math.Max(candidates.Count, 1) * 3;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        wall.Restart();
        for (var i = 0; i < calls; i++)
        {
            await embedder.EmbedAsync(candidates.Count == 0 ? "warm up" : candidates[i % candidates.Count] + " ");
        }

        var modelMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        var modelWallMs = wall.Elapsed.TotalMilliseconds / calls;

        // As a busy node reads them: up to a batch of texts waiting at once (the crisis screen's backlog), read together.
        var texts = Enumerable.Range(0, calls).Select(i => candidates.Count == 0 ? "warm up" : candidates[i % candidates.Count] + "  ").ToArray();
        var (runsBefore, readBefore) = embedder.Reads;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        wall.Restart();
        await ((ITextEmbedder)embedder).EmbedManyAsync(texts);
        var batchedMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        var batchedWallMs = wall.Elapsed.TotalMilliseconds / calls;
        var (runsAfter, readAfter) = embedder.Reads;
        var meanBatch = (readAfter - readBefore) / (double)Math.Max(1, runsAfter - runsBefore);

        var fraction = toModel / (double)mix.Count;
        var perMessageMs = screenUs / 1000 + fraction * modelMs;
        var rate = 1000 / perMessageMs;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crisis screening on one core, {mix.Count} messages of a chat mix (90% ordinary, 8% distress, 2% crisis)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load + prototypes:         {loadMs,10:F0} ms (once per process)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cheap screen per message:        {screenUs,10:F1} µs CPU ({screenWallUs:F1} µs wall)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cheap screen allocates:          {screenBytes,10:F0} bytes per message"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model call:                      {modelMs,10:F2} ms CPU ({modelWallMs:F2} ms wall)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model, texts waiting together:   {batchedMs,10:F2} ms CPU per text ({batchedWallMs:F2} ms wall; {meanBatch:F1} texts per run, at most {MiniLmEmbedder.MaxBatch})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages that reach the model:   {fraction,10:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean cost per message:           {perMessageMs * 1000,10:F0} µs CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"highest fully screened rate:     {rate,10:F0} messages/s on one core"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (request notes always go to the model: {1000 / (screenUs / 1000 + modelMs):F0} notes/s on one core)"));
    }
}
