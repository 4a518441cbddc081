using System.Collections.Frozen;
using System.Text;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Matching;

/// <summary>
/// The matching model reads English only, so a note or bio in Spanish, French, German, Portuguese or Italian is first
/// turned word by word into English with a glossary of the words people use when they ask for support
/// (Matching/Data/gloss-*.txt): "mi vieja murió de cáncer y la extraño" → "my mum died of cancer her miss". No grammar,
/// only what a bag of words needs. The text's language is the one its common words give
/// (<see cref="CommonWords.LanguageOf"/>), or Italian when it holds more of Italian's own words (<see cref="ItalianOwn"/>)
/// than of any other language's; an English text, or one whose language is unclear, is left as it is. The longest phrase of the glossary wins; a word it does not hold
/// is kept (names, and words English shares: "cancer", "panic").
/// </summary>
public static class Gloss
{
    private const int MaxPhraseWords = 4;

    private static readonly string[] Languages = ["es", "fr", "de", "pt", "it"];

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

    /// <summary>
    /// Words of Italian's own, as the normaliser leaves them ("perché" → "perche", "l'ho" → "lho"). The common-word list
    /// (<see cref="CommonWords"/>, which the crisis screen shares) has no Italian, so an Italian note was read as Spanish,
    /// French or Portuguese by its false friends ("non", "mi", "da", "sempre") and glossed with the wrong glossary, or
    /// left alone. Only words the other languages do not use: not "ma" (French "my"), "alle" (German "all", French
    /// "allé"), "e", "alla" (Spanish "allá"), "di" ("me di cuenta"), "dice", "vi", "sei", "sai", "siete", "devo", "penso",
    /// "sento", "proprio", "sua" (Spanish or Portuguese words), nor "come", "dove", "fare", "male" (English); a word any
    /// language of the list has is dropped on loading.
    /// </summary>
    private static readonly FrozenSet<string> ItalianOwn = FrozenSet.ToFrozenSet(
        new[]
        {
            "gli", "della", "dello", "delle", "degli", "nella", "nello", "nelle", "negli", "nel", "sulla", "sullo",
            "sulle", "sugli", "sul", "dalla", "dallo", "dalle", "dagli", "dal", "allo", "agli", "col", "miei", "tuo",
            "tuoi", "suoi", "nostro", "nostra", "chi", "perche", "quindi", "allora", "anche", "ancora", "adesso",
            "oggi", "ieri", "domani", "dopo", "poi", "molto", "molta", "molti", "molte", "troppo", "tutto", "tutta",
            "tutti", "tutte", "niente", "nulla", "nessuno", "nessuna", "qualcuno", "qualcosa", "qualche", "ogni",
            "davvero", "forse", "invece", "ci", "gia", "piu", "cosi", "siamo", "ho", "hai", "abbiamo", "avete", "hanno",
            "avevo", "aveva", "ero", "eri", "erano", "stato", "stata", "stati", "sto", "stai", "sta", "stanno", "stavo",
            "fatto", "faccio", "fa", "riesco", "riesce", "voglio", "vuole", "vorrei", "puoi", "puo", "dobbiamo", "dico",
            "detto", "capisco", "vado", "essere", "avere", "lho", "mamma", "babbo", "figlio", "figlia", "figli",
            "marito", "moglie", "fratello", "sorella", "ragazzo", "ragazza", "bambino", "bambina", "bambini", "anni",
            "giorni", "mesi", "lavoro", "manca", "mancano", "manchi", "paura", "aiuto", "stanco", "stanca", "piango",
            "dormo", "mangio", "cmq", "xke", "xche", "perke", "anke", "grazie",
        }.Where(w => !CommonWords.TryGet(w, out _, out _)),
        StringComparer.Ordinal);

    /// <summary>
    /// Italian words that are words of another language too (Spanish "madre mía", "Dios mío", Argentine "che", "io" typed
    /// for "yo", Portuguese "sono", sleep, "lei", law, and "nn", Brazilian chat for "não"): they count for Italian only beside one of <see cref="ItalianOwn"/>.
    /// </summary>
    private static readonly FrozenSet<string> ItalianToo = FrozenSet.ToFrozenSet(
        ["sono", "mio", "mia", "che", "lei", "io", "noi", "nn"], StringComparer.Ordinal);

    /// <summary>
    /// Words the common-word list gives another language that are everyday Italian too (Spanish "mi", "si", "sola",
    /// Portuguese "da", "quando", "sempre", French "non", "il", "lui", English "come"): weighing Italian, they count for
    /// neither, so "sono triste e sola, nessuno mi capisce" is not Spanish by "sola" and "mi". A text without Italian's own
    /// words is never Italian by them.
    /// </summary>
    private static readonly FrozenSet<string> ItalianShared = FrozenSet.ToFrozenSet(
        ["mi", "si", "lo", "te", "sola", "da", "quando", "sempre", "posso", "non", "il", "lui", "come"], StringComparer.Ordinal);

    /// <summary>The language each common word counts for (when it counts for one), to weigh Italian against.</summary>
    private static readonly FrozenDictionary<string, string> ListedIn = CommonWords.All
        .Select(w => (Word: w, Language: CommonWords.LanguageOf(TextNormaliser.Normalise(w), EnglishToo)))
        .Where(x => x.Language is not null)
        .ToFrozenDictionary(x => x.Word, x => x.Language!, StringComparer.Ordinal);

    /// <summary>Glossary words that are English words too (a review: "Kind, patient student. Gift for listening" was read as
    /// German, "Male, 34. Camera operator" as Italian): never a sign of another language here.</summary>
    private static readonly FrozenSet<string> EnglishHomographs = FrozenSet.ToFrozenSet(
        ["kind", "gift", "rat", "land", "net", "student", "isolation", "pension", "car", "comment", "sent", "part", "rate",
         "sort", "ton", "tune", "accident", "addiction", "cocaine", "violence", "separation", "rupture", "rage", "message",
         "village", "male", "due", "camera", "pace", "mail", "pure", "van", "tan", "sale", "fatal", "boy", "pet", "fin",
         "bad", "will", "arm", "hand", "mist", "rock", "see", "bore", "chance", "passion", "patient", "important",
         "normal", "terrible", "horrible", "possible", "simple", "service", "police", "hospital", "doctor", "animal",
         "idea", "problem", "control", "family", "drama", "trauma", "depression", "anxiety", "panic", "stress", "burnout",
         "divorce", "cancer", "therapy", "alcohol", "suicide", "abuse", "mobbing", "internet", "online", "chat", "job",
         "person", "general", "final", "total", "moment", "persona", "grand", "pain", "plus", "court", "long", "sale"],
        StringComparer.Ordinal);

    /// <summary>
    /// Each glossary's own single words (in no other glossary, not an English common word, three letters or more): a text
    /// the short common-word list cannot place ("Me divorcié después de quince años de matrimonio…", "mon mari me trompe
    /// depuis un an": an outside probe saw such bios and notes left unglossed, so matching read them as noise) is placed by
    /// these.
    /// </summary>
    private static readonly FrozenDictionary<string, string> GlossaryOwn = LoadGlossaryOwn();

    private static FrozenDictionary<string, string> LoadGlossaryOwn()
    {
        var owner = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (language, glossary) in Glossaries)
        {
            foreach (var key in glossary.Keys)
            {
                if (key.Length < 3 || key.Contains(' ', StringComparison.Ordinal) || EnglishToo.Contains(key) || EnglishHomographs.Contains(key)
                    || (ListedIn.TryGetValue(key, out var listed) && listed == "en"))
                {
                    continue;
                }

                owner[key] = owner.TryGetValue(key, out var prior) && prior != language ? null : language;
            }
        }

        return owner.Where(o => o.Value is not null).ToFrozenDictionary(o => o.Key, o => o.Value!, StringComparer.Ordinal);
    }

    /// <summary>The glossary language with the most own words in the text: at least three, more than any other's, and more
    /// than the text's English common words (twice as many when the common words said English: "mon mari me trompe depuis
    /// un an" has one, "an"); else null.</summary>
    private static string? ByGlossary(NormalisedText normalised, bool overEnglish)
    {
        Dictionary<string, int>? counts = null;
        var english = 0;
        foreach (var token in normalised.Tokens)
        {
            if (GlossaryOwn.TryGetValue(token.Text, out var language))
            {
                counts ??= new Dictionary<string, int>(StringComparer.Ordinal);
                counts[language] = counts.GetValueOrDefault(language) + 1;
            }
            else if (ListedIn.TryGetValue(token.Text, out var listed) && listed == "en")
            {
                english++;
            }
        }

        if (counts is null)
        {
            return null;
        }

        var ranked = counts.OrderByDescending(c => c.Value).ToArray();
        var best = ranked[0];
        var second = ranked.Length > 1 ? ranked[1].Value : 0;
        return best.Value >= 3 && best.Value > second && best.Value > (overEnglish ? 2 * english : english) ? best.Key : null;
    }

    /// <summary>The text in English words when its language is one of the glossaries', otherwise the text itself.</summary>
    public static string English(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LanguageOf(text) is { } language && Glossaries.TryGetValue(language, out var glossary)
            ? Translate(text, glossary)
            : text;
    }

    /// <summary>
    /// The language of <paramref name="text"/> as <see cref="CommonWords.LanguageOf(NormalisedText, IReadOnlySet{string})"/>
    /// gives it, or Italian when the text has more of <see cref="ItalianOwn"/> (and, beside one of those, of
    /// <see cref="ItalianToo"/>) than of any other language's own common words (less <see cref="ItalianShared"/>); a tie
    /// keeps the list's answer, so a Spanish or Portuguese note with a false friend or two stays what it was.
    /// </summary>
    internal static string? LanguageOf(string text)
    {
        var normalised = TextNormaliser.Normalise(text);
        var italian = 0;
        var italianToo = 0;
        Dictionary<string, int>? others = null;
        foreach (var token in normalised.Tokens)
        {
            if (ItalianOwn.Contains(token.Text))
            {
                italian++;
            }
            else if (ItalianToo.Contains(token.Text))
            {
                italianToo++;
            }
            else if (!ItalianShared.Contains(token.Text) && ListedIn.TryGetValue(token.Text, out var language))
            {
                others ??= new Dictionary<string, int>(StringComparer.Ordinal);
                others[language] = others.GetValueOrDefault(language) + 1;
            }
        }

        italian += italian > 0 ? italianToo : 0;
        var listed = italian > 0 && italian > (others?.Values.Max() ?? 0) ? "it" : CommonWords.LanguageOf(normalised, EnglishToo);
        return listed is not null && listed != "en" ? listed : ByGlossary(normalised, overEnglish: listed == "en") ?? listed;
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
