using MatchChat.Language.Lexicon;

namespace MatchChat.Language.Tests;

/// <summary>
/// The screen's indexes must find exactly what comparing against every word (and every squashed phrase) finds: a person
/// who misspells "suicide" by one letter is read the same as before the indexes existed.
/// </summary>
public sealed class LexiconIndexTests
{
    private static readonly Lexicon.Lexicon Lexicon = MatchChat.Language.Lexicon.Lexicon.Default;

    [Fact]
    public void A_person_word_is_read_only_word_for_word()
    {
        // The context rules ask which person a word names (I, you, she...). Only the exact word counts: a word one edit
        // from a person word ("mysel", "yoy") names nobody, as it did when the rules read the full candidate list.
        var probes = Lexicon.Words.SelectMany(Variants).Concat(Lexicon.Words).Distinct().ToList();
        var into = new List<(int Id, bool Exact)>();
        var persons = 0;
        foreach (var probe in probes)
        {
            Lexicon.Candidates(probe, into);
            var expected = into.Where(c => c.Exact).Select(c => Lexicon.PersonOf(c.Id)).FirstOrDefault(p => p is not null);
            Assert.Equal(expected, Lexicon.PersonOfWord(probe));
            persons += expected is null ? 0 : 1;
        }

        Assert.True(persons > 20, $"only {persons} person words among the probes");
    }

    [Fact]
    public void Fuzzy_candidates_are_exactly_the_words_one_edit_away()
    {
        var words = Lexicon.Words;
        var probes = words.SelectMany(Variants).Distinct().ToList();
        Assert.True(probes.Count > 10_000, $"only {probes.Count} probes");
        var into = new List<(int Id, bool Exact)>();
        var fuzzyFound = 0;
        foreach (var probe in probes)
        {
            Lexicon.Candidates(probe, into);
            var expected = Scan(words, probe);
            Assert.Equal(expected, into);
            fuzzyFound += into.Count(c => !c.Exact);
        }

        Assert.True(fuzzyFound > 1_000, "the probes should reach many words by the fuzzy rule");
    }

    [Fact]
    public void Squashed_phrases_are_found_inside_run_together_words_as_a_full_scan_finds_them()
    {
        var matcher = new PhraseMatcher(Lexicon);
        var squashable = Lexicon.Squashable;
        Assert.NotEmpty(squashable);
        foreach (var (entry, i) in squashable.Select((e, i) => (e, i)))
        {
            var word = "zq" + entry.Squashed + squashable[(i + 7) % squashable.Count].Squashed;
            var found = matcher.Find(Normalisation.TextNormaliser.Normalise(word)).Where(m => m.Start == m.End && !m.Exact).Select(m => m.Entry).ToList();
            var expected = squashable.Where(e => word.Contains(e.Squashed, StringComparison.Ordinal)).ToList();
            Assert.Equal(expected, found);
        }
    }

    private static IEnumerable<string> Variants(string w)
    {
        yield return w;
        for (var i = 1; i < w.Length; i++)
        {
            yield return w.Remove(i, 1);
            yield return w.Insert(i, "e");
            yield return w[..i] + (w[i] == 'a' ? 'o' : 'a') + w[(i + 1)..];
            if (i + 1 < w.Length)
            {
                yield return w[..i] + w[i + 1] + w[i] + w[(i + 2)..];
            }
        }

        yield return w + "s";
    }

    /// <summary>The rule written plainly: exact skeleton, or same first letter, 4+ letters each, 5+ for the longer, one edit.</summary>
    private static List<(int Id, bool Exact)> Scan(IReadOnlyList<string> words, string probe)
    {
        var result = new List<(int, bool)>();
        var exact = -1;
        for (var id = 0; id < words.Count; id++)
        {
            if (words[id] == probe)
            {
                exact = id;
                result.Add((id, true));
            }
        }

        if (probe.Length < 4)
        {
            return result;
        }

        for (var id = 0; id < words.Count; id++)
        {
            var w = words[id];
            if (id != exact && w.Length >= 4 && w[0] == probe[0] && Math.Max(w.Length, probe.Length) >= 5 && OneEdit(w, probe))
            {
                result.Add((id, false));
            }
        }

        return result;
    }

    /// <summary>Optimal string alignment distance ≤ 1, by dynamic programming (independent of the product's shortcut).</summary>
    private static bool OneEdit(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length] <= 1;
    }
}
