using MatchChat.Language.Detection;

namespace MatchChat.Language.Tests;

/// <summary>
/// The issue's goals: crisis recall ≥ 0.95 overall, on disguised lines and on non-English lines; false crisis ≤ 0.05 on
/// everyday figures of speech, none on listeners' supportive messages, ≤ 0.10 on all safe lines.
/// </summary>
public static class AccuracyGoals
{
    public static readonly string[] Disguised = ["leet", "spaced", "repeated", "cyrillic", "zerowidth", "fullwidth", "mixed", "slang", "typo"];

    public static void AssertRecall(AccuracyReport report)
    {
        Assert.True(report.CrisisRecall() >= 0.95, $"crisis recall {report.CrisisRecall():F3} < 0.95");
        Assert.True(report.CrisisRecall(l => Disguised.Contains(l.Group)) >= 0.95, $"disguised crisis recall {report.CrisisRecall(l => Disguised.Contains(l.Group)):F3} < 0.95");
        Assert.True(report.CrisisRecall(l => l.Language != "en") >= 0.95, $"non-English crisis recall {report.CrisisRecall(l => l.Language != "en"):F3} < 0.95");
    }

    public static void AssertSafeSide(AccuracyReport report, bool figures = true)
    {
        Assert.Equal(0, report.FalseCrisis(l => l.Group == "listener"));
        Assert.True(report.FalseCrisis() <= 0.10, $"false crisis on safe lines {report.FalseCrisis():F3} > 0.10");
        if (figures)
        {
            Assert.True(report.FalseCrisis(l => l.Group == "figure") <= 0.05, $"false crisis on figures of speech {report.FalseCrisis(l => l.Group == "figure"):F3} > 0.05");
        }
    }
}
