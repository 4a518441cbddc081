using MatchChat.Language.Detection;
using Xunit.Abstractions;

namespace MatchChat.Language.Tests;

/// <summary>
/// Sets written apart from the detector's lists and never tuned on: Data/heldout.tsv (written before this session
/// changed the detector; its misses were then seen), Data/fresh.tsv (written after that baseline but before any
/// phrase change) and Data/third.tsv (written before the wider model). Prints the same table as the labelled set and
/// writes it to accuracy-heldout.txt / accuracy-fresh.txt.
/// </summary>
public sealed class HeldOutSetTests(ModelFixture model, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    /// <summary>
    /// Goals are asserted where the detector reaches them. Held-out: recall goals reached (after its misses were seen and
    /// the lists extended), the figures-of-speech goal not (1 of 14: "I've written letters to all my pen pals this week"
    /// reads as crisis through the model), so that one is reported. Fresh: the safe side is reached, recall is not
    /// (0.654 before and after this session's changes: phrase lists do not reach phrasings nobody wrote down), so recall
    /// is reported, not asserted.
    /// </summary>
    [Fact]
    public async Task Held_out_set()
    {
        var report = await Run("heldout");

        AccuracyGoals.AssertRecall(report);
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    [Fact]
    public async Task Fresh_set()
    {
        var report = await Run("fresh");

        AccuracyGoals.AssertSafeSide(report);
    }

    /// <summary>
    /// Third (Data/third.tsv, English): written before the wider model and untouched by it and by the exemplar bank.
    /// Recall 0.467 with prototypes, 0.800 with the bank (asserted ≥ 0.75 against regressions); listeners asserted.
    /// The bank's threshold (0.04, chosen on the labelled set) reads 3 of its 7 figures of speech as crisis (false crisis
    /// 0.150 on its safe lines, above the 0.10 goal): reported, not asserted (0.08 would give 0.050, see docs).
    /// </summary>
    [Fact]
    public async Task Third_set()
    {
        var report = await Run("third");

        Assert.Equal(0, report.FalseCrisis(l => l.Group == "listener"));
        Assert.True(report.CrisisRecall() >= 0.75, $"crisis recall {report.CrisisRecall():F3} < 0.75");
    }

    /// <summary>
    /// Fourth (Data/fourth.tsv, English, indirect phrasings): written before the exemplar bank and never used to tune it.
    /// Recall 0.182 with prototypes, 0.758 with the bank (asserted ≥ 0.70 against regressions); listeners and the overall
    /// safe side asserted; figures of speech reported (1 of 9 reads as crisis with the bank).
    /// </summary>
    [Fact]
    public async Task Fourth_set()
    {
        var report = await Run("fourth");

        AccuracyGoals.AssertSafeSide(report, figures: false);
        Assert.True(report.CrisisRecall() >= 0.70, $"crisis recall {report.CrisisRecall():F3} < 0.70");
    }

    /// <summary>
    /// Fifth (Data/fifth.tsv, 163 lines in five languages): written on 2026-12-06 by a separate author who read neither
    /// the detector nor the other sets, before that day's changes. Sealed: the test prints only figures, never a line, so
    /// the detector cannot be tuned on it. Measured before the changes: see docs/crisis-detector.md "Fifth set".
    /// </summary>
    [Fact]
    public async Task Fifth_set_sealed()
    {
        var report = await Run("fifth", lines: false);

        Assert.Equal(0, report.FalseCrisis(l => l.Group == "listener"));
        AccuracyGoals.AssertSafeSide(report, figures: false);
        Assert.True(report.CrisisRecall() >= 0.85, $"crisis recall {report.CrisisRecall():F3} < 0.85");
    }

    /// <summary>
    /// Sixth (Data/sixth.tsv, 200 lines: 80 crisis, 40 concern, 80 safe; 40 % English, 15 % each of es/fr/de/pt): written on
    /// 2026-12-06 by a separate author who read neither the detector nor the other sets, after stop 51's changes from
    /// dev set 3 and its review. Sealed like the fifth: only figures are printed. Its first figures are in
    /// docs/crisis-detector.md "Dev set 3".
    /// </summary>
    [Fact]
    public async Task Sixth_set_sealed()
    {
        var report = await Run("sixth", lines: false);

        Assert.Equal(0, report.FalseCrisis(l => l.Group == "listener"));
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Seventh (Data/seventh.tsv, 240 lines: 96 crisis, 37 concern, 107 safe; 60 English, 45 each of es/fr/de/pt, most
    /// crises in the other languages written without the obvious words): written on 2026-12-06 (stop 52) by a separate
    /// author who read neither the detector nor the other sets, and committed before any change it measures. Sealed:
    /// only figures are printed. Its figures are in docs/crisis-detector.md "Stop 52".
    /// </summary>
    [Fact]
    public async Task Seventh_set_sealed()
    {
        var report = await Run("seventh", lines: false);

        Assert.Equal(0, report.FalseCrisis(l => l.Role == CrisisRole.Listener));
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Eighth (Data/eighth.tsv, 240 lines: 60 each of es/pt/fr/de; 112 crises, mostly indirect, 96 safe lines with
    /// dark-sounding words, 32 concerns): written on 2026-12-06 (stop 56) by a separate author who read nothing of the
    /// project, measured before any change and never read. Sealed: only figures are printed. The phrase screen finds 28 of
    /// its 112 crises (0.250), no safe line read as crisis; a round of list phrases that took dev5's es/pt/fr/de crises
    /// from 21 to 58 of 88 found 4 more here and was not kept (docs/crisis-detector.md "Stop 56").
    /// </summary>
    [Fact]
    public async Task Eighth_set_sealed()
    {
        var report = await Run("eighth", lines: false);

        AccuracyGoals.AssertSafeSide(report, figures: false);
        Assert.True(report.FalseCrisis() <= 0.02, $"false crisis {report.FalseCrisis():F3} > 0.02 (0 when written down)");
        Assert.True(report.CrisisRecall() >= 0.22, $"crisis recall {report.CrisisRecall():F3} < 0.22 (0.250 when written down)");
    }

    /// <summary>
    /// Everyday review (Data/everyday-review.tsv, 240 harmless es/pt/fr/de chat lines): written on 2026-12-06 (stop 56) by
    /// a reviewer aiming at a round of list phrases (pill organisers, a car warming up in a garage, bridges and platforms,
    /// farewell letters to colleagues, sunburn). With that round 77 of them read as crisis; without it 13 (the lists as they
    /// are). A guard for the next round: at most 0.06.
    /// </summary>
    [Fact]
    public async Task Everyday_review_set()
    {
        var report = await Run("everyday-review");

        Assert.True(report.FalseCrisis() <= 0.06, $"everyday lines read as crisis {report.FalseCrisis():F3} > 0.06 (0.054 when written down)");
    }

    /// <summary>
    /// Dev (Data/dev.tsv): written on 2026-12-06 by a separate author who did not read the detector, to find weaknesses;
    /// its misses were read and the lists and exemplars changed for their kinds, so it is not an untouched measure.
    /// Recall 0.736 before, 0.918 after (asserted ≥ 0.90); safe side and listeners asserted.
    /// </summary>
    [Fact]
    public async Task Dev_set()
    {
        var report = await Run("dev");

        AccuracyGoals.AssertSafeSide(report, figures: false);
        Assert.True(report.CrisisRecall() >= 0.90, $"crisis recall {report.CrisisRecall():F3} < 0.90");
    }

    /// <summary>
    /// Dev 2 (Data/dev2.tsv, 174 lines, Spanish, French, German and Portuguese chat with regional forms): written on
    /// 2026-12-06 by a separate author after the first round of that day's changes; read to find kinds of miss (the
    /// warning-sign pairs came from it), so not an untouched measure.
    /// </summary>
    [Fact]
    public async Task Dev2_set()
    {
        var report = await Run("dev2");

        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Dev 3 (Data/dev3.tsv, 261 lines, 40 % English and 15 % each of es/fr/de/pt; implicit crises, questions, urges held
    /// off, reassurance, everyday traps): written on 2026-12-06 by a separate author who did not read the detector, after
    /// stop 50; read to find kinds of miss, so not an untouched measure. Measured before stop 51's changes: see
    /// docs/crisis-detector.md "Dev set 3".
    /// </summary>
    [Fact]
    public async Task Dev3_set()
    {
        var report = await Run("dev3");

        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Dev 4 (Data/dev4.tsv, 240 lines: means at hand, plans, questions about methods, attempts under way, and their
    /// everyday look-alikes, in five languages): written on 2026-12-06 by a separate author who did not read the detector;
    /// asked for after the sealed sixth set's figures showed those groups weakest; read to find kinds of miss.
    /// </summary>
    [Fact]
    public async Task Dev4_set()
    {
        var report = await Run("dev4");

        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Dev 5 (Data/dev5.tsv, 300 lines: 120 crisis, 44 concern, 136 safe; 80 English, 55 each of es/fr/de/pt; three crises
    /// in four without the obvious words): written on 2026-12-06 (stop 52) by a separate author who did not read the
    /// detector, after the sealed seventh set's figures; read to find kinds of miss. Crisis recall was 0.325 before.
    /// </summary>
    [Fact]
    public async Task Dev5_set()
    {
        var report = await Run("dev5");

        Assert.Equal(0, report.FalseCrisis(l => l.Role == CrisisRole.Listener));
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Dev 6 (Data/dev6.tsv, 320 lines: 80 crisis, 40 concern, 200 safe; 200 English, 30 each of es/fr/de/pt): written on
    /// 2026-12-06 (stop 53) by a separate author who read neither the detector nor any set, committed before any change it
    /// measures: what a chat carries every minute (sign-offs, test messages, daily life without "I", medication routine)
    /// and crises written without "I".
    /// </summary>
    [Fact]
    public async Task Dev6_set()
    {
        var report = await Run("dev6");

        Assert.Equal(0, report.FalseCrisis(l => l.Role == CrisisRole.Listener));
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Dev 7 (Data/dev7.tsv, 160 English lines: 70 questions about using the app, 40 everyday lines, 50 crises, many framed
    /// by the app): written on 2026-12-06 (stop 55) by a separate author; the model read 15 of the 70 app questions ("how
    /// do i change my nickname") as crisis before the exemplar bank learned what such questions look like.
    /// </summary>
    [Fact]
    public async Task Dev7_set()
    {
        var report = await Run("dev7");

        AssertAppQuestionsAreNotCrises(report);
        Assert.True(report.CrisisRecall() >= 0.64, $"crisis recall {report.CrisisRecall():F3} < 0.64 (0.66 when written down)");
    }

    /// <summary>
    /// Dev 8 (Data/dev8.tsv, 200 English lines: 70 app questions, 40 everyday, 20 concern, 70 crises): written on 2026-12-06
    /// (stop 55) by another separate author for evaluation; measured once before reading (app questions read as crisis: 17
    /// of 70 before this stop's change, 3 after; crisis recall 50/70 before, 49/70 after).
    /// </summary>
    [Fact]
    public async Task Dev8_set()
    {
        var report = await Run("dev8");

        AssertAppQuestionsAreNotCrises(report);
        Assert.True(report.CrisisRecall() >= 0.68, $"crisis recall {report.CrisisRecall():F3} < 0.68 (0.70 when written down)");
    }

    /// <summary>
    /// Dev set 9 (stop 56): a separate author (read nothing of the project) wrote 90 questions about one's own account and
    /// data, 70 crises in which the app, the account or its data figure (most after an ordinary app question), 25 everyday
    /// lines and 15 concerns. Measured once before it was read: app questions read as crisis 14 of 90 before this stop's
    /// change, 11 after (one of them the new rule's first call timing out, since given 1 s); crises 47/70 before, 53/70 after. Then tuned on:
    /// 4 of 90 and 55/70.
    /// </summary>
    [Fact]
    public async Task Dev9_set()
    {
        var report = await Run("dev9");

        AssertAppQuestionsAreNotCrises(report);
        Assert.True(report.CrisisRecall() >= 0.75, $"crisis recall {report.CrisisRecall():F3} < 0.75 (0.786 when written down)");
    }

    /// <summary>A question about the service ("how do i delete my account", "can i change my avatar") read as a crisis shows
    /// the member crisis lines and alerts the moderators for nothing: at most one in twenty.</summary>
    private static void AssertAppQuestionsAreNotCrises(AccuracyReport report)
    {
        var platform = report.FalseCrisis(l => l.Group == "platform");
        Assert.True(platform <= 0.05, $"app questions read as crisis {platform:F3} > 0.05");
        AccuracyGoals.AssertSafeSide(report, figures: false);
    }

    /// <summary>
    /// Reads a set as the silo does (the screen without a language hint, since the silo screens every message before it
    /// looks up the writer's language; the model, when asked for, with the line's language) and prints that table too.
    /// Returns the silo's reading.
    /// </summary>
    private async Task<AccuracyReport> Run(string set, bool lines = true)
    {
        var hinted = new List<(LabelledLine, CrisisAssessment)>();
        var silo = new List<(LabelledLine, CrisisAssessment)>();
        foreach (var line in LabelledLine.Load($"Data/{set}.tsv"))
        {
            hinted.Add((line, await model.Detector.AssessAsync(line.Text, line.Role, line.Language)));
            var screen = model.Detector.Screen(line.Text, line.Role, languageHint: null);
            silo.Add((line, await model.Detector.CompleteAsync(screen, line.Text, line.Language)));
        }

        var table = new AccuracyReport(hinted).Table($"{set}, screen + model, language given", lines)
            + new AccuracyReport(silo).Table($"{set}, as the silo reads it (screen without the language, model with it)", lines);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"accuracy-{set}.txt"), table);
        return new AccuracyReport(silo);
    }
}
