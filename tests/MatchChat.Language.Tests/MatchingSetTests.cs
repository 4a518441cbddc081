using System.Text;
using MatchChat.Language.Matching;
using Xunit.Abstractions;

namespace MatchChat.Language.Tests;

/// <summary>
/// Matching by meaning on the labelled set (Data/match-listeners.tsv, Data/match-seekers.tsv): each seeker's listeners
/// are those of the seeker's topic, ranked by <see cref="MatchScore"/> over the production texts (<see cref="MatchText"/>)
/// quantised vectors and facets (<see cref="FacetEmbedding"/>, <see cref="ListenerFacets"/>), exactly as the topic queue ranks them. Prints top-1 and
/// top-3 overall and on the seekers who share no word with the right listener, beside the tag-only matcher
/// (shared-tag count; ties counted as a fair draw), and fails below the goals.
/// </summary>
public sealed class MatchingSetTests(ModelFixture model, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    private static readonly IReadOnlyList<MatchListener> Listeners = MatchListener.Load();
    private static readonly IReadOnlyList<MatchSeeker> Seekers = MatchSeeker.Load();

    [Fact]
    public void The_set_has_the_required_shape()
    {
        Assert.True(Listeners.Count >= 24);
        Assert.True(Seekers.Count >= 80);
        Assert.All(Seekers, s => Assert.Contains(Listeners, l => l.Id == s.Expected && l.Topics.Contains(s.Topic)));
        var noWord = Seekers.Count(s => MatchSet.SharesNoWord(s, Listeners.Single(l => l.Id == s.Expected)));
        Assert.True(noWord * 3 >= Seekers.Count, $"{noWord} of {Seekers.Count} share no word with their listener");
        foreach (var style in new[] { "short", "long", "slang", "typo", "nonnative", "indirect" })
        {
            Assert.Contains(Seekers, s => s.Style == style);
        }
    }

    [Fact]
    public async Task Meaning_meets_the_goals_and_beats_tags_alone()
    {
        var (meaning, tags, noWord) = await EvaluateAsync(Listeners, Seekers, "matching set", "matching-set.txt", misses: true);

        Assert.True(meaning.Average(r => r.Top1) >= 0.85, $"top-1 {meaning.Average(r => r.Top1):F3}");
        Assert.True(meaning.Where(r => noWord(r.Seeker)).Average(r => r.Top1) >= 0.80, "top-1 on the no-shared-word seekers");
        Assert.True(meaning.Average(r => r.Top3) >= 0.95, $"top-3 {meaning.Average(r => r.Top3):F3}");
        Assert.True(meaning.Average(r => r.Top1) > tags.Average(r => r.Top1));
    }

    /// <summary>
    /// The sealed set (Data/match-sealed-*.tsv: 28 listeners, 96 seekers, 37 sharing no word with their listener), written
    /// on 2026-12-06 by a separate author who read neither the matcher nor the labelled set: an honest figure, printed
    /// without any note or bio and never tuned on. Measured on 2026-12-06: top-1 0.865, top-3 1.000 (0.742 / 1.000 on the
    /// 31 seekers the matcher's own word test finds sharing no word); tags alone 0.312 / 0.728. Asserted against regressions.
    /// </summary>
    [Fact]
    public async Task Sealed_set_is_reported_and_meaning_beats_tags_alone()
    {
        var (meaning, tags, _) = await EvaluateAsync(
            MatchListener.Load("match-sealed-listeners.tsv"), MatchSeeker.Load("match-sealed-seekers.tsv"), "sealed matching set", "matching-sealed.txt", misses: false);

        Assert.True(meaning.Average(r => r.Top1) > tags.Average(r => r.Top1));
        Assert.True(meaning.Average(r => r.Top1) >= 0.80, $"top-1 {meaning.Average(r => r.Top1):F3}");
        Assert.True(meaning.Average(r => r.Top3) >= 0.95, $"top-3 {meaning.Average(r => r.Top3):F3}");
    }

    /// <summary>
    /// The dev set (Data/match-dev-*.tsv: 32 listeners with close distractors in each topic, 140 seekers, 40 of them
    /// writing in Spanish, French, German or Portuguese to English bios, 5 mixing languages): written on 2026-12-06 by a
    /// separate author who read neither the matcher nor the other sets, to find weaknesses (its misses may be read).
    /// </summary>
    [Fact]
    public async Task Dev_set_is_reported_and_meaning_beats_tags_alone()
    {
        var (meaning, tags, _) = await EvaluateAsync(
            MatchListener.Load("match-dev-listeners.tsv"), MatchSeeker.Load("match-dev-seekers.tsv"), "matching dev set", "matching-dev.txt", misses: true);

        Assert.True(meaning.Average(r => r.Top1) > tags.Average(r => r.Top1));
    }

    /// <summary>
    /// Dev set 2 (Data/match-dev2-*.tsv: 40 listeners, five close distractors per topic, 160 seekers, 40 of them indirect,
    /// 65 in Spanish, French, German, Portuguese, Italian or mixing languages, 12 in a teen's register): written on 2026-12-06
    /// by another separate author who read neither the matcher nor the other sets (committed before it was measured).
    /// </summary>
    [Fact]
    public async Task Dev_set_2_is_reported_and_meaning_beats_tags_alone()
    {
        var (meaning, tags, _) = await EvaluateAsync(
            MatchListener.Load("match-dev2-listeners.tsv"), MatchSeeker.Load("match-dev2-seekers.tsv"), "matching dev set 2", "matching-dev2.txt", misses: true);

        Assert.True(meaning.Average(r => r.Top1) > tags.Average(r => r.Top1));
        // First run 0.769 / 0.958 (docs/matching-evidence.md, "Dev set 2"): a floor below it, so a regression shows.
        Assert.True(meaning.Average(r => r.Top1) >= 0.70, $"top-1 {meaning.Average(r => r.Top1):F3}");
        Assert.True(meaning.Average(r => r.Top3) >= 0.92, $"top-3 {meaning.Average(r => r.Top3):F3}");
    }

    private async Task<(List<(MatchSeeker Seeker, double Top1, double Top3)> Meaning, List<(MatchSeeker Seeker, double Top1, double Top3)> Tags, Func<MatchSeeker, bool> NoWord)> EvaluateAsync(
        IReadOnlyList<MatchListener> Listeners, IReadOnlyList<MatchSeeker> Seekers, string title, string file, bool misses)
    {
        var facets = new Dictionary<string, ListenerFacets>();
        foreach (var l in Listeners)
        {
            facets[l.Id] = (await FacetEmbedding.ListenerAsync(model.Embedder, l.Bio, l.Experiences))!;
        }

        var meaning = new List<(MatchSeeker Seeker, double Top1, double Top3)>();
        var tags = new List<(MatchSeeker Seeker, double Top1, double Top3)>();
        var right = new List<float>();
        var wrong = new List<float>();
        foreach (var s in Seekers)
        {
            var v = (await FacetEmbedding.SeekerAsync(model.Embedder, s.Note, s.Experiences))!.Value;
            var candidates = Listeners.Where(l => l.Topics.Contains(s.Topic)).ToList();
            var scored = candidates.Select(l => (l.Id, Score: MatchScore.Of(Shared(s, l), facets[l.Id].Similarity(v)))).ToList();
            foreach (var l in candidates)
            {
                (l.Id == s.Expected ? right : wrong).Add(facets[l.Id].Similarity(v));
            }

            meaning.Add((s, TopK(scored, s.Expected, 1), TopK(scored, s.Expected, 3)));
            var tagScored = candidates.Select(l => (l.Id, Score: (double)Shared(s, l))).ToList();
            tags.Add((s, TopK(tagScored, s.Expected, 1), TopK(tagScored, s.Expected, 3)));
        }

        bool NoWord(MatchSeeker s) => MatchSet.SharesNoWord(s, Listeners.Single(l => l.Id == s.Expected));
        var table = new StringBuilder()
            .AppendLine($"{title}: {Listeners.Count} listeners, {Seekers.Count} seekers, {Seekers.Count(NoWord)} share no word with their listener")
            .AppendLine("| matcher | top-1 | top-3 | top-1, no shared word | top-3, no shared word |")
            .AppendLine("|---|---|---|---|---|")
            .AppendLine(Row("meaning (tags + MiniLM)", meaning, NoWord))
            .AppendLine(Row("tags only", tags, NoWord));
        table.AppendLine($"similarity to the right listener: {Percentiles(right)}; to the others: {Percentiles(wrong)}");
        table.AppendLine($"'similar experience' (similarity >= {MatchScore.SimilarExperience}): {right.Count(x => x >= MatchScore.SimilarExperience)} of {right.Count} right pairs, {wrong.Count(x => x >= MatchScore.SimilarExperience)} of {wrong.Count} others");
        foreach (var style in Seekers.Select(s => s.Style).Distinct())
        {
            var of = meaning.Where(r => r.Seeker.Style == style).ToList();
            table.AppendLine($"style {style}: {of.Count} seekers, top-1 {of.Average(r => r.Top1):F3}");
        }

        foreach (var miss in misses ? meaning.Where(r => r.Top1 < 1) : [])
        {
            table.AppendLine($"miss: {miss.Seeker.Expected} {miss.Seeker.Style} top-3 {miss.Top3:F0}");
        }

        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, file), table.ToString());
        return (meaning, tags, NoWord);
    }

    private static string Percentiles(List<float> xs)
    {
        var sorted = xs.Order().ToList();
        return string.Join(", ", new[] { 0.1, 0.25, 0.5, 0.75, 0.9 }.Select(p => $"p{p * 100:F0} {sorted[(int)(p * (sorted.Count - 1))]:F2}"));
    }

    private static int Shared(MatchSeeker s, MatchListener l) => s.Experiences.Count(l.Experiences.Contains);

    /// <summary>1 when the expected listener is within the first k; a tie across the cut counts as the chance a fair draw puts it inside.</summary>
    private static double TopK(IReadOnlyList<(string Id, double Score)> scored, string expected, int k)
    {
        var mine = scored.Single(x => x.Id == expected).Score;
        var above = scored.Count(x => x.Score > mine);
        var tied = scored.Count(x => x.Score == mine);
        var places = k - above;
        return places <= 0 ? 0 : Math.Min(1.0, (double)places / tied);
    }

    private static string Row(string name, List<(MatchSeeker Seeker, double Top1, double Top3)> rows, Func<MatchSeeker, bool> noWord)
    {
        var subset = rows.Where(r => noWord(r.Seeker)).ToList();
        return $"| {name} | {rows.Average(r => r.Top1):F3} | {rows.Average(r => r.Top3):F3} | {subset.Average(r => r.Top1):F3} | {subset.Average(r => r.Top3):F3} |";
    }
}
