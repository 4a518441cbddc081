using System.Collections.Frozen;
using System.Text;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Matching;

/// <summary>
/// The matching model reads English only, so a note or bio in Spanish, French, German or Portuguese is first turned word
/// by word into English with a glossary of the words people use when they ask for support (Matching/Data/gloss-*.txt):
/// "mi vieja murió de cáncer y la extraño" → "my mum died of cancer her miss". No grammar, only what a bag of words
/// needs. The text's language is the one its common words give (<see cref="CommonWords.LanguageOf"/>); an English text,
/// or one whose language is unclear, is left as it is. The longest phrase of the glossary wins; a word it does not hold
/// is kept (names, and words English shares: "cancer", "panic").
/// </summary>
public static class Gloss
{
    private const int MaxPhraseWords = 4;

    private static readonly string[] Languages = ["es", "fr", "de", "pt"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Glossaries =
        Languages.ToFrozenDictionary(l => l, Load, StringComparer.Ordinal);

    /// <summary>
    /// Words listed as another language's that are English words too ("son", "war", "hat", "plus"): they do not decide
    /// a text's language here, so "Solo mum. Son 4." or "War veteran, PTSD" is not taken for Spanish or German and
    /// mangled. (The crisis screen still counts them: there a missed German sign costs more.)
    /// </summary>
    private static readonly FrozenSet<string> EnglishToo = FrozenSet.ToFrozenSet(
        ["son", "hay", "solo", "sin", "war", "bin", "gut", "hat", "tag", "also", "fast", "die", "was", "man", "plus", "ai",
         "um", "ha", "eu", "pain", "est", "tu", "as", "do", "no", "me"], StringComparer.Ordinal);

    /// <summary>The text in English words when its language is one of the glossaries', otherwise the text itself.</summary>
    public static string English(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CommonWords.LanguageOf(TextNormaliser.Normalise(text), EnglishToo) is { } language && Glossaries.TryGetValue(language, out var glossary)
            ? Translate(text, glossary)
            : text;
    }

    /// <summary>The words of <paramref name="text"/> as the glossaries are written: lower case, no diacritics, split at
    /// anything that is not a letter or digit.</summary>
    internal static string[] Words(string text)
    {
        // The servers run with invariant globalization, where string.Normalize leaves accents: the normaliser's own
        // folding takes them off ("mère" → "mere"), as it does for the crisis screen.
        var flags = Obfuscation.None;
        var folded = CharacterFolding.Fold(text.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal), ref flags);
        var words = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            words.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Translate(string text, FrozenDictionary<string, string> glossary)
    {
        // Sentence marks are kept, so a glossed bio still splits into its sentences.
        var output = new StringBuilder(text.Length + 16);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('.' or '!' or '?' or ';' or '\n'))
            {
                continue;
            }

            AppendSentence(output, Words(text[start..i]), glossary);
            if (i < text.Length)
            {
                output.Append(text[i]).Append(' ');
            }

            start = i + 1;
        }

        return output.ToString().Trim();
    }

    private static void AppendSentence(StringBuilder output, string[] words, FrozenDictionary<string, string> glossary)
    {
        for (var i = 0; i < words.Length;)
        {
            var taken = 1;
            var english = words[i];
            for (var n = Math.Min(MaxPhraseWords, words.Length - i); n >= 1; n--)
            {
                if (glossary.TryGetValue(n == 1 ? words[i] : string.Join(' ', words, i, n), out var found))
                {
                    (english, taken) = (found, n);
                    break;
                }
            }

            if (english != "-")
            {
                output.Append(english).Append(' ');
            }

            i += taken;
        }
    }

    private static FrozenDictionary<string, string> Load(string language)
    {
        var name = $"MatchChat.Language.Matching.Data.gloss-{language}.txt";
        using var stream = typeof(Gloss).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("A glossary is not embedded: " + name);
        using var reader = new StreamReader(stream);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#') || line.Split('\t') is not [var source, var english])
            {
                continue;
            }

            // Written as the reader folds text, whatever the file's spelling.
            var key = string.Join(' ', Words(source));
            if (key.Length > 0 && english.Trim().Length > 0)
            {
                entries.TryAdd(key, english.Trim());
            }
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
