using System.Collections.Frozen;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// The words most messages are made of (<c>Normalisation/Data/common-words.txt</c>), each kept once with its skeleton:
/// <see cref="TextNormaliser"/> hands out these instances instead of copying such a word out of every message. Only
/// memory changes: a word found here is the same string, with the same skeleton, as the copy it replaces.
/// </summary>
internal static class CommonWords
{
    private static readonly FrozenDictionary<string, (string Text, string Skeleton)>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Load().GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared instance of <paramref name="word"/> and its skeleton, when it is a common word.</summary>
    public static bool TryGet(ReadOnlySpan<char> word, out string text, out string skeleton)
    {
        if (word.Length <= 12 && Lookup.TryGetValue(word, out var known))
        {
            (text, skeleton) = known;
            return true;
        }

        text = skeleton = null!;
        return false;
    }

    /// <summary>
    /// The language of a text from its common words: each word listed under one language only (Spanish "pero", German
    /// "nicht", English "the"; not "que" or "me", which several share) counts for it. The language with the most, when
    /// it has at least one more than any other; otherwise null (read as any language). Allocates nothing.
    /// </summary>
    public static string? LanguageOf(NormalisedText text) => LanguageOf(text, null);

    /// <summary>As <see cref="LanguageOf(NormalisedText)"/>, with the words of <paramref name="ignored"/> not counted.</summary>
    public static string? LanguageOf(NormalisedText text, IReadOnlySet<string>? ignored)
    {
        Span<int> counts = stackalloc int[Languages.Length];
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (word.Length <= 12 && OnlyIn.TryGetValue(word, out var language) && (ignored is null || !ignored.Contains(word)))
            {
                counts[language]++;
            }
        }

        var best = -1;
        var second = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (best < 0 || counts[i] > counts[best])
            {
                second = best < 0 ? 0 : Math.Max(second, counts[best]);
                best = i;
            }
            else
            {
                second = Math.Max(second, counts[i]);
            }
        }

        return best >= 0 && counts[best] > second ? Languages[best] : null;
    }

    /// <summary>The list's sections, in its order.</summary>
    private static readonly string[] Languages = ["en", "es", "fr", "de", "pt"];

    /// <summary>The list's section headings for <see cref="Languages"/> (declared before <see cref="OnlyIn"/>, which reads them).</summary>
    private static readonly string[] Names = ["English", "Spanish", "French", "German", "Portuguese"];

    private static readonly FrozenDictionary<string, int> OnlyIn = LoadLanguages();

    /// <summary>Every word of the list (for tests: each must be written as the normaliser leaves it).</summary>
    internal static IEnumerable<string> All => Lookup.Dictionary.Keys;

    private static FrozenDictionary<string, int> LoadLanguages()
    {
        var section = -1;
        var of = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Lines())
        {
            if (line.StartsWith('#'))
            {
                var name = line.TrimStart('#').Trim();
                var index = Array.FindIndex(Names, n => n == name);
                section = index >= 0 ? index : section;
                continue;
            }

            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (section >= 0)
                {
                    of[word] = of.TryGetValue(word, out var seen) && seen != section ? -1 : section;
                }
            }
        }

        return of.Where(kv => kv.Value >= 0).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The lines of the embedded list, read by both tables.</summary>
    private static IEnumerable<string> Lines()
    {
        const string name = "MatchChat.Language.Normalisation.Data.common-words.txt";
        using var stream = typeof(CommonWords).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("The common-word list is not embedded: " + name);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static FrozenDictionary<string, (string Text, string Skeleton)> Load()
    {
        var words = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in Lines())
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // A skeleton with a long run would also set the repeated-letters flag; no common word has one.
                var skeleton = TextNormaliser.Skeleton(word, out var longRun);
                if (word.Length <= 12 && !longRun)
                {
                    words.TryAdd(word, (word, skeleton));
                }
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
