using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>
/// A phrase that ends in "all" ("acabar con todo", "end it all", "merci pour tout") is about everything only when nothing
/// follows it: with an article and a noun after it, the "all" belongs to that noun ("voy a acabar con todo el helado",
/// "gracias por todo el apoyo") and the phrase is everyday. A pain word after the article keeps it ("acabar con todo el
/// dolor"), and so does a pronoun, "what/que" ("acabar con todo esto", "con todo lo que siento") or a noun that is itself
/// a phrase of the lists ("acabo de tomar todas las pastillas").
/// </summary>
internal static class QuantifiedObject
{
    private static readonly HashSet<string> Quantifiers = new(StringComparer.Ordinal)
    {
        "all", "todo", "toda", "todos", "todas", "tout", "toute", "tous", "toutes", "tudo", "alles",
    };

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal)
    {
        "the", "el", "la", "los", "las", "un", "una", "le", "les", "du", "des", "o", "os", "der", "die", "das", "den", "dem",
    };

    /// <summary>Words that make "all the …" the writer's suffering, not a thing: the phrase keeps its reading.</summary>
    private static readonly HashSet<string> Pain = new(StringComparer.Ordinal)
    {
        "pain", "hurt", "suffering", "misery", "dolor", "sufrimiento", "sufrir", "douleur", "souffrance", "mal", "schmerz",
        "leid", "dor", "sofrimento", "que", "qui", "quoi", "was",
    };

    /// <summary>The phrase ends in "all" and an article and a noun other than a pain word or a listed phrase follow it in
    /// its sentence.</summary>
    public static bool Follows(NormalisedText text, List<PhraseMatch> matches, PhraseMatch match)
    {
        var tokens = text.Tokens;
        var article = match.End + 1;
        var noun = article + 1;
        return Quantifiers.Contains(tokens[match.End].Text)
            && noun < tokens.Count
            && tokens[noun].Sentence == tokens[match.End].Sentence
            && Articles.Contains(tokens[article].Text)
            && !Pain.Contains(tokens[noun].Text)
            && !matches.Exists(m => m.Entry.Kind is EntryKind.Crisis or EntryKind.Concern or EntryKind.Signal && m.Start <= noun && noun <= m.End);
    }
}
