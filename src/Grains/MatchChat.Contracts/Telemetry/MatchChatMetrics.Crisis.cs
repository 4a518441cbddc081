using System.Diagnostics.Metrics;

namespace MatchChat.Contracts.Telemetry;

/// <summary>The crisis screen's counters: flags by level and reason kind, texts screened (with or without the model), failures. No text, no ids.</summary>
public static partial class MatchChatMetrics
{
    // Created on first use from the one MatchChat meter (static fields of another part of this class may not be
    // initialised yet when these would be).
    private static readonly Lazy<CrisisInstruments> Crisis = new(() => new CrisisInstruments(Meter!));

    private static Counter<long> CrisisFlags => Crisis.Value.Flags;

    private static Counter<long> CrisisScreened => Crisis.Value.Screened;

    private static Counter<long> CrisisFailures => Crisis.Value.Failures;

    private static Histogram<double> CrisisScreenCpu => Crisis.Value.ScreenTime;

    private sealed class CrisisInstruments(Meter meter)
    {
        public Counter<long> Flags { get; } = meter.CreateCounter<long>(
        "matchchat.crisis.flags", "{text}", "Texts read as crisis or concern, per level and reason kind (for example suicidal_ideation, farewell).");

        public Counter<long> Screened { get; } = meter.CreateCounter<long>(
        "matchchat.crisis.screened", "{text}", "Texts screened for crisis language, per source (note or message) and model: yes, no, or skipped (wanted but busy).");

        public Counter<long> Failures { get; } = meter.CreateCounter<long>(
        "matchchat.crisis.failures", "{text}", "Texts the crisis screen could not read (the message itself was unaffected).");

        public Histogram<double> ScreenTime { get; } = meter.CreateHistogram(
        "matchchat.crisis.screen.duration", "s", "Time to read one text (screen, and the model when consulted).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
    }

    /// <summary><paramref name="level"/> is crisis or concern, <paramref name="reason"/> a fixed snake_case kind.</summary>
    public static void CrisisFlagged(string level, string reason) =>
        CrisisFlags.Add(1, new KeyValuePair<string, object?>("level", level), new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <summary><paramref name="model"/>: yes, no, or skipped (wanted but busy: the phrase screen's reading stood).</summary>
    public static void CrisisTextScreened(string source, string model, TimeSpan took)
    {
        CrisisScreened.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("model", model));
        CrisisScreenCpu.Record(took.TotalSeconds);
    }

    public static void CrisisScreenFailed() => CrisisFailures.Add(1);
}
