using MatchChat.Language.Detection;
using Xunit.Abstractions;

namespace MatchChat.Language.Tests;

/// <summary>
/// The labelled set (Data/labelled.tsv, written apart from the phrase lists) through the full detector, model
/// included. Prints the accuracy table (run with <c>--logger "console;verbosity=detailed"</c>) and fails below
/// the goals (<see cref="AccuracyGoals"/>): crisis recall ≥ 0.95 overall, disguised and non-English, and
/// ≥ 0.85 in every language; false crisis ≤ 0.05 on figures of speech, none on listeners' supportive messages,
/// ≤ 0.10 overall.
/// </summary>
public sealed class LabelledSetTests(ModelFixture model, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    private static readonly IReadOnlyList<LabelledLine> Lines = LabelledLine.Load();

    [Fact]
    public void The_set_is_big_enough_and_covers_every_language_and_disguise()
    {
        Assert.True(Lines.Count(l => l.Expected == CrisisLevel.Crisis) >= 150);
        Assert.True(Lines.Count(l => l.Expected == CrisisLevel.None) >= 150);
        Assert.True(Lines.Count(l => l.Expected == CrisisLevel.Concern) >= 20);
        foreach (var language in new[] { "en", "es", "fr", "de", "pt" })
        {
            foreach (var group in new[] { "plain", "leet", "spaced", "repeated", "cyrillic", "zerowidth" })
            {
                Assert.Contains(Lines, l => l.Language == language && l.Group == group && l.Expected == CrisisLevel.Crisis);
            }
        }
    }

    [Fact]
    public async Task Full_detector_meets_the_goals_on_the_labelled_set()
    {
        var results = new List<(LabelledLine, CrisisAssessment)>();
        foreach (var line in Lines)
        {
            results.Add((line, await model.Detector.AssessAsync(line.Text, line.Role, line.Language)));
        }

        var report = new AccuracyReport(results);
        var table = report.Table("screen + model");
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "accuracy-model.txt"), table);

        AccuracyGoals.AssertRecall(report);
        AccuracyGoals.AssertSafeSide(report);
        foreach (var language in new[] { "en", "es", "fr", "de", "pt" })
        {
            Assert.True(report.CrisisRecall(l => l.Language == language) >= 0.85, $"crisis recall in {language}");
        }

        Assert.True(report.ConcernOrMore() >= 0.75, $"concern lines read as concern or crisis {report.ConcernOrMore():F3}");
    }

    [Fact]
    public async Task Screen_alone_is_reported_for_comparison()
    {
        var screenOnly = new CrisisDetector();
        var results = new List<(LabelledLine, CrisisAssessment)>();
        foreach (var line in Lines)
        {
            results.Add((line, await screenOnly.AssessAsync(line.Text, line.Role, line.Language)));
        }

        var report = new AccuracyReport(results);
        var table = report.Table("screen only (no model)");
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "accuracy-screen.txt"), table);
        Assert.Equal(0, report.FalseCrisis(l => l.Group == "listener"));
    }
}
