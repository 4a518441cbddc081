using System.Runtime.InteropServices;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// Finds every lexicon phrase in a normalised text: word by word on skeletons (fuzzy per word), phrases of
/// three or more words may skip one inserted word ("want to just die"), never across a sentence end; and
/// crisis phrases squashed inside one long run-together word ("killmyself", a spaced-out run).
/// </summary>
public sealed class PhraseMatcher(Lexicon lexicon)
{
    private const int MinSquashedWord = 8;

    [ThreadStatic]
    private static List<(int Id, bool Exact)>? t_scratch;

    [ThreadStatic]
    private static List<(int Id, bool Exact)>? t_flat;

    [ThreadStatic]
    private static List<int>? t_starts;

    private readonly SquashedIndex _squashed = SquashedIndex.Build(lexicon.Squashable);

    public Lexicon Lexicon { get; } = lexicon;

    public List<PhraseMatch> Find(NormalisedText text)
    {
        // Every token's candidate words in one flat list (token i's are flat[starts[i]..starts[i + 1]]), kept per
        // thread: the screen runs on every message, and only the matches it returns need memory of their own.
        var tokens = text.Tokens;
        var scratch = t_scratch ??= [];
        var flat = t_flat ??= [];
        var starts = t_starts ??= [];
        flat.Clear();
        starts.Clear();
        for (var i = 0; i < tokens.Count; i++)
        {
            starts.Add(flat.Count);
            Lexicon.Candidates(tokens[i].Skeleton, scratch);
            flat.AddRange(scratch);
        }

        starts.Add(flat.Count);
        var candidates = new Candidates(CollectionsMarshal.AsSpan(flat), CollectionsMarshal.AsSpan(starts));
        var matches = new List<PhraseMatch>();
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var (id, exact) in candidates.Of(i))
            {
                var entries = Lexicon.StartingWith(id);
                for (var e = 0; e < entries.Count; e++)
                {
                    var entry = entries[e];
                    // A phrase of several words needs one of them written as it is: "seeker side" is two words each one
                    // letter from "sewer slide", and no one's misspelling of it.
                    if ((exact || IsFuzzy(entry)) && TryMatch(entry, i, tokens, candidates, out var end, out var allExact, out var anyExact)
                        && (exact || anyExact || entry.Words.Length == 1))
                    {
                        matches.Add(new PhraseMatch(entry, i, end, exact && allExact));
                    }
                }
            }

            FindSquashed(tokens[i].Skeleton, i, matches);
        }

        if (matches.Exists(m => !m.Exact))
        {
            RemoveLooserReadings(matches);
        }

        return matches;
    }

    /// <summary>
    /// Where a phrase matched word for word, a fuzzy reading of the same words by another phrase ("suicide" read as
    /// Spanish "suicida") adds nothing but a second, looser interpretation. (A method of its own so that the lambda's
    /// closure is allocated only for a text with a fuzzy match.)
    /// </summary>
    private static void RemoveLooserReadings(List<PhraseMatch> matches) =>
        matches.RemoveAll(m => !m.Exact && matches.Any(e => e.Exact && e.Start <= m.Start && e.End >= m.End && IsFuzzy(e.Entry)));

    /// <summary>Only crisis and concern phrases are matched fuzzily; figures, pronouns, negations and the rest word for word.</summary>
    private static bool IsFuzzy(LexiconEntry entry) => entry.Kind is EntryKind.Crisis or EntryKind.Concern;

    private void FindSquashed(string skeleton, int index, List<PhraseMatch> matches)
    {
        if (skeleton.Length < MinSquashedWord || Lexicon.IsKnownWord(skeleton))
        {
            return;
        }

        foreach (var entry in _squashed.Inside(skeleton))
        {
            matches.Add(new PhraseMatch(Lexicon.Squashable[entry], index, index, false));
        }
    }

    private static bool TryMatch(
        LexiconEntry entry, int start, IReadOnlyList<NormalisedToken> tokens, Candidates candidates,
        out int end, out bool allExact, out bool anyExact)
    {
        var sentence = tokens[start].Sentence;
        var j = start + 1;
        var skipped = false;
        allExact = true;
        anyExact = false;
        end = start;
        for (var w = 1; w < entry.Words.Length; w++)
        {
            var wanted = entry.Words[w];
            var fuzzy = IsFuzzy(entry);
            if (j < tokens.Count && tokens[j].Sentence == sentence && Has(candidates.Of(j), wanted, fuzzy, ref allExact, ref anyExact))
            {
                j++;
                continue;
            }

            var mayskip = !skipped && entry.Words.Length >= 3 && wanted != Lexicon.Wildcard;
            if (mayskip && j + 1 < tokens.Count && tokens[j + 1].Sentence == sentence && Has(candidates.Of(j + 1), wanted, fuzzy, ref allExact, ref anyExact))
            {
                skipped = true;
                j += 2;
                continue;
            }

            return false;
        }

        end = j - 1;
        return true;
    }

    private static bool Has(ReadOnlySpan<(int Id, bool Exact)> candidates, int wanted, bool fuzzy, ref bool allExact, ref bool anyExact)
    {
        if (wanted == Lexicon.Wildcard)
        {
            return true;
        }

        foreach (var (id, exact) in candidates)
        {
            if (id == wanted && (exact || fuzzy))
            {
                allExact &= exact;
                anyExact |= exact;
                return true;
            }
        }

        return false;
    }

    /// <summary>The candidate words of each token of one text, as spans of one flat list.</summary>
    private readonly ref struct Candidates(ReadOnlySpan<(int Id, bool Exact)> flat, ReadOnlySpan<int> starts)
    {
        private readonly ReadOnlySpan<(int Id, bool Exact)> _flat = flat;
        private readonly ReadOnlySpan<int> _starts = starts;

        public ReadOnlySpan<(int Id, bool Exact)> Of(int token) => _flat[_starts[token].._starts[token + 1]];
    }
}
