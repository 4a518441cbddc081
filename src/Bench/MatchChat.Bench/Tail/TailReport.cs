using MatchChat.Bench.Scenarios;

namespace MatchChat.Bench.Tail;

/// <summary>S2's tail evidence per window: the per-100 ms timeline (a file next to the logs) and one note with its summary and the runtime counters.</summary>
public static class TailReport
{
    public static void Write(ScenarioContext context, string scenario, string who, int rate, OpenLoopTimeline timeline,
        Dictionary<string, double>? before, Dictionary<string, double>? after, long messages, double? bareP99)
    {
        var safe = new string(who.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        var file = Path.Combine(context.LogDir, $"{scenario}-timeline-{rate}-{safe}.tsv");
        File.WriteAllText(file, timeline.Render());
        var late = bareP99 is { } b && !double.IsNaN(b) ? 3 * b : 10;
        var counters = before is null || after is null ? "" : "; " + RuntimeCounters.Describe(before, after, messages);
        context.Results.Note($"{scenario} {rate} msg/s, {who}: {timeline.Summary(late)}{counters} (per 100 ms: {Path.GetRelativePath(context.Root, file)})");
    }
}
