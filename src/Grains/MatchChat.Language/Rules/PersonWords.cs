using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>Who each word of a text names: the writer, the reader or someone else (<see cref="ContextRules"/> reads it).</summary>
internal static class PersonWords
{
    /// <summary>Each word's person (first, second, third) or null.</summary>
    public static EntryKind?[] Read(NormalisedText text, Lexicon.Lexicon lexicon, string? hinted)
    {
        var language = hinted;
        var guessed = hinted is not null;
        // A person word is read word for word only: the exact vocabulary entry, never a word one edit away (so no
        // fuzzy lookup here; the phrase matcher already did one per word). English "ya" (you) is Spanish "ya" (already).
        var persons = new EntryKind?[text.Tokens.Count];
        for (var i = 0; i < persons.Length; i++)
        {
            if (text.Tokens[i].Text == "ya" && !guessed)
            {
                language = CommonWords.LanguageOf(text);
                guessed = true;
            }

            // English "I'll" arrives as "ill", whose skeleton is French "il" (he). German "man" (one: "wie lange dauert es
            // bis man verblutet") has the skeleton of "mann" (husband) and names nobody else; nor does English "man, …".
            persons[i] = text.Tokens[i].Text == "ill" ? EntryKind.First
                : text.Tokens[i].Text == "man" ? null
                : language == "es" && text.Tokens[i].Text == "ya" ? null
                : lexicon.PersonOfWord(text.Tokens[i].Skeleton);
        }

        SpanishPerfect(text, persons);
        return persons;
    }

    /// <summary>
    /// All languages are read at once, so the Spanish auxiliary "he" ("he pensado en…", I have thought of…) would read
    /// as English "he". Before a past participle (-ado, -ido, -ada, -ida, or an irregular one: "he escrito") it is the writer.
    /// </summary>
    private static void SpanishPerfect(NormalisedText text, EntryKind?[] persons)
    {
        for (var i = 0; i + 1 < persons.Length; i++)
        {
            var next = text.Tokens[i + 1].Text;
            if (persons[i] == EntryKind.Third && text.Tokens[i].Text == "he" && text.Tokens[i + 1].Sentence == text.Tokens[i].Sentence
                && ((next.Length > 4 && (next.EndsWith("ado", StringComparison.Ordinal) || next.EndsWith("ido", StringComparison.Ordinal)
                    || next.EndsWith("ada", StringComparison.Ordinal) || next.EndsWith("ida", StringComparison.Ordinal)))
                    || IrregularParticiples.Contains(next)))
            {
                persons[i] = EntryKind.First;
            }
        }
    }

    private static readonly HashSet<string> IrregularParticiples = new(StringComparer.Ordinal)
    {
        "escrito", "hecho", "dicho", "visto", "puesto", "roto", "vuelto", "abierto", "muerto", "resuelto", "decidido",
    };

    private static readonly HashSet<string> SayVerbs = new(StringComparer.Ordinal)
    {
        "dijo", "dice", "decia", "escribio", "conto", "disse", "diz", "dizia", "escreveu", "contou", "dit", "disait", "ecrit",
        "gesagt", "sagt", "sagte", "geschrieben", "schrieb", "erzahlt", "told", "tells", "texted", "messaged", "wrote",
    };

    /// <summary>The first-person object at <paramref name="i"/> is the one told ("me dijo", "disse-me", "m'a dit", "hat mir
    /// gesagt", "told me"): whoever speaks is before it.</summary>
    public static bool IsToldBeside(NormalisedText text, int i) =>
        text.Tokens[i].Text is "me" or "mir" or "mich" or "ma" or "moi" or "m"
        && ((i + 1 < text.Tokens.Count && SayVerbs.Contains(text.Tokens[i + 1].Text))
        || (i > 0 && SayVerbs.Contains(text.Tokens[i - 1].Text))
        || (i + 2 < text.Tokens.Count && text.Tokens[i + 1].Text is "hat" or "a" or "ha" && SayVerbs.Contains(text.Tokens[i + 2].Text)));
}
