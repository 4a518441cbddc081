using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>
/// A phrase that ends in "all" ("acabar con todo", "end it all", "merci pour tout") is about everything only when nothing
/// follows it: when the article and noun after it are the "all"'s own ("voy a acabar con todo el helado", "merci pour
/// tout le boulot", "thanks for all the support"), the phrase is everyday. The article must agree with the "all"
/// ("todo el", "toda la", "tous les"): "quiero acabar con todo, la verdad…" and "merci pour tout, les amis" start a new
/// clause, and commas are gone by the time this reads the words. The phrase keeps its reading before a pain word ("todo el
/// dolor"), a time ("todo el viernes", "all the second everyone sleeps"), "what/que", or a listed phrase ("todas las
/// pastillas"). German "alles" and Portuguese "tudo" never take an article.
/// </summary>
internal static class QuantifiedObject
{
    /// <summary>Each "all" and the articles that agree with it.</summary>
    private static readonly Dictionary<string, string[]> Agreeing = new(StringComparer.Ordinal)
    {
        ["all"] = ["the"],
        ["todo"] = ["el", "o"],
        ["toda"] = ["la", "a"],
        ["todos"] = ["los", "os"],
        ["todas"] = ["las", "as"],
        ["tout"] = ["le"],
        ["toute"] = ["la"],
        ["tous"] = ["les"],
        ["toutes"] = ["les"],
    };

    /// <summary>Nouns after which the phrase keeps its reading: pain, time, and "what".</summary>
    private static readonly HashSet<string> Keeps = new(StringComparer.Ordinal)
    {
        "pain", "hurt", "suffering", "misery", "dolor", "sufrimiento", "sufrir", "douleur", "souffrance", "mal", "dor",
        "sofrimento", "que", "qui", "quoi",
        "second", "moment", "time", "way", "same", "rest", "day", "night", "week", "weekend",
        "dia", "noche", "semana", "finde", "fin", "ano", "mes", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
        "domingo", "momento", "resto", "jour", "nuit", "soir", "mois", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "noite", "fim", "segunda", "terca", "quarta", "quinta", "sexta", "next", "proximo",
        "proxima", "prochain", "prochaine", "nachste", "nachsten",
    };

    /// <summary>The phrase ends in "all", and an agreeing article and a noun other than those of <see cref="Keeps"/> or a
    /// listed phrase follow it in its sentence.</summary>
    public static bool Follows(NormalisedText text, List<PhraseMatch> matches, PhraseMatch match)
    {
        var tokens = text.Tokens;
        var article = match.End + 1;
        var noun = article + 1;
        return Agreeing.TryGetValue(tokens[match.End].Text, out var articles)
            && noun < tokens.Count
            && tokens[noun].Sentence == tokens[match.End].Sentence
            && Array.IndexOf(articles, tokens[article].Text) >= 0
            && !Keeps.Contains(tokens[noun].Text)
            && !tokens[noun].Text.All(char.IsAsciiDigit)
            && !matches.Exists(m => m.Entry.Kind is EntryKind.Crisis or EntryKind.Concern or EntryKind.Signal && m.Start <= noun && noun <= m.End);
    }
}
