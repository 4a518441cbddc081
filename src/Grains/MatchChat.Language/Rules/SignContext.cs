using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>
/// What the words around a warning sign say about it (<see cref="ContextRules"/> counts a sign only when none of these
/// holds):
/// <list type="bullet">
/// <item>means in a sentence about care ("the allergy pills don't work, I'll see the doctor", "Tabletten gegen
/// Kopfschmerzen"): medicine taken as medicine;</item>
/// <item>a decision with what was decided after it ("tomé la decisión de ir al médico", "entschieden, zum Arzt zu
/// gehen", "decided to quit"): a bare decision ends its clause ("ya lo decidí", "I've made my decision and…");</item>
/// <item>not being somewhere named just after ("ya no voy a estar en el grupo", "não tô mais aqui no grupo"): leaving a
/// place or a group;</item>
/// <item>not being there, or things given away, in a text about moving house ("Fahrrad verschenkt, morgen bin ich nicht
/// mehr da, ich zieh nach Berlin").</item>
/// </list>
/// </summary>
internal static class SignContext
{
    private static readonly HashSet<string> Care = new(StringComparer.Ordinal)
    {
        "doctor", "doctors", "gp", "pharmacy", "pharmacist", "prescribed", "prescription", "allergy", "allergies", "headache",
        "medico", "medica", "doctora", "farmacia", "receta", "alergia", "recetado", "recetaron",
        "arzt", "arztin", "hausarzt", "apotheke", "rezept", "verschrieben", "allergie", "kopfschmerzen",
        "medecin", "pharmacie", "ordonnance", "prescrit", "migraine",
        "receita", "receitou", "farmaceutico",
        "psychiatrist", "chemist", "vet", "flu", "dentist", "psiquiatra", "gripe", "resfriado", "fiebre", "dentista",
        "psychiater", "erkaltung", "fieber", "zahnarzt", "psychiatre", "docteur", "grippe", "rhume", "fievre", "dentiste",
        "febre", "farmacia", "posto", "antibiotic", "antibiotics", "antibiotico", "antibioticos", "antibiotikum",
        "antibiotika", "antibiotique", "antibiotiques", "receto", "pharmacien", "contraception", "anticonceptivas",
        "heuschnupfen", "hayfever", "allergies",
    };

    private static readonly HashSet<string> Complements = new(StringComparer.Ordinal)
    {
        "to", "on", "of", "for", "with", "de", "del", "a", "al", "que", "con", "zu", "zum", "zur", "dass", "mit", "d", "da",
        "do", "pra", "para", "por", "com", "pour", "avec",
    };

    /// <summary>Away for a while: "won't be here next week / till 7 / this weekend".</summary>
    private static readonly HashSet<string> ForAWhile = new(StringComparer.Ordinal)
    {
        "next", "till", "until", "this", "for", "during", "over", "on", "ab", "hasta", "esta", "este", "durante", "jusqu", "jusqua", "ce",
        "cette", "pendant", "bis", "diese", "dieses", "nachste", "nachsten", "ate", "essa", "esse", "semana", "die",
    };

    /// <summary>Passwords and keys of a shared home or service: "the wifi password", "les mots de passe du wifi".</summary>
    private static readonly HashSet<string> Household = new(StringComparer.Ordinal)
    {
        "wifi", "wlan", "netflix", "spotify", "router", "airbnb", "flatmate", "flatmates", "roommate", "compi", "coloc",
        "mitbewohner",
    };

    private static readonly HashSet<string> Loading = new(StringComparer.Ordinal)
    {
        "loaded", "cargue", "carreguei", "geladen", "chargee", "charge",
    };

    private static readonly HashSet<string> Weapons = new(StringComparer.Ordinal)
    {
        "gun", "shotgun", "rifle", "pistol", "revolver", "pistola", "arma", "escopeta", "fusil", "carabine",
        "waffe", "gewehr", "pistole", "flinte", "cacadeira", "espingarda", "shells", "balas", "cartouches",
    };

    private static readonly HashSet<string> Toys = new(StringComparer.Ordinal)
    {
        "silicona", "glue", "nerf", "paintball", "airsoft", "agua", "water", "heissklebe", "colle", "cola", "brinquedo",
        "juguete", "toy", "phone", "celular", "handy", "akku", "battery", "bateria", "batterie",
    };

    private static bool TextHas(IReadOnlyList<NormalisedToken> tokens, HashSet<string> words)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (words.Contains(tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covers(IReadOnlyList<NormalisedToken> tokens, PhraseMatch sign, HashSet<string> words)
    {
        for (var i = sign.Start; i <= sign.End; i++)
        {
            if (words.Contains(tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> Gathered = new(StringComparer.Ordinal)
    {
        "saved", "stockpiled", "collected", "hoarded", "junte", "juntado", "acumule", "guarde", "guardado", "gesammelt",
        "gehortet", "garde", "gardes", "accumule", "juntei", "guardei", "acumulei",
    };

    private static readonly HashSet<string> Done = new(StringComparer.Ordinal)
    {
        "did", "blood", "bleeding", "hice", "sangre", "sangrando", "fait", "sang", "saigne", "getan", "blut", "blutet", "fiz",
        "sangue",
    };

    /// <summary>Pills gathered ("junté las pastillas que me recetó el médico"), or a decision or method in the text: not
    /// medicine taken as medicine.</summary>
    public static bool Stockpiled(NormalisedText text, List<PhraseMatch> matches, PhraseMatch phrase) =>
        Covers(text.Tokens, phrase, Gathered)
        || matches.Exists(m => m.Entry.Kind == EntryKind.Signal && m.Entry.Signal is SignalClass.Resolve or SignalClass.Method);

    /// <summary>An act already done after the urge ("…and I did it, there's blood"): the urge was given in to.</summary>
    public static bool ActDone(NormalisedText text, int after)
    {
        for (var i = after + 1; i < text.Tokens.Count; i++)
        {
            if (Done.Contains(text.Tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sentence speaks of a doctor, a pharmacy, a prescription or an everyday illness.</summary>
    public static bool AboutCare(NormalisedText text, int sentence) => SentenceHas(text.Tokens, sentence, Care);

    private static bool SentenceHas(IReadOnlyList<NormalisedToken> tokens, int sentence, HashSet<string> words)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Sentence == sentence && words.Contains(tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A group or place one leaves without leaving life: "ya no voy a estar en el grupo del gym".</summary>
    private static readonly HashSet<string> GroupsAndPlaces = new(StringComparer.Ordinal)
    {
        "group", "chat", "gym", "work", "office", "class", "school", "club", "team", "server", "city", "town", "country",
        "grupo", "trabajo", "oficina", "clase", "escuela", "equipo", "ciudad", "pais", "chamba", "curro",
        "gruppe", "arbeit", "buro", "schule", "verein", "stadt", "land", "wg", "firma",
        "groupe", "travail", "bureau", "ecole", "equipe", "ville", "boulot", "taf",
        "trabalho", "escritorio", "escola", "cidade", "facul", "faculdade",
    };

    private static readonly HashSet<string> Places = new(StringComparer.Ordinal)
    {
        "in", "at", "on", "en", "no", "na", "nos", "nas", "im", "bei", "dans", "au", "aux", "chez",
    };

    private static readonly HashSet<string> Moving = new(StringComparer.Ordinal)
    {
        "umzug", "umziehen", "umgezogen", "mudanza", "mudarme", "mudamos", "mudanca", "mudei", "demenage", "demenager",
        "demenagement", "relocating", "erasmus",
    };

    /// <summary>"Moving to", "zieh nach", "me mudo a": a move named by a verb and where to.</summary>
    private static readonly Dictionary<string, string[]> MovingVerbs = new(StringComparer.Ordinal)
    {
        ["move"] = ["to", "house", "out", "abroad", "back"],
        ["zieh"] = ["nach", "um", "aus"],
        ["ziehe"] = ["nach", "um", "aus"],
        ["mudo"] = ["a", "de"],
        ["mudar"] = ["para", "pra", "de"],
        ["ziehen"] = ["nach", "um", "aus"],
        ["moving"] = ["to", "house", "out", "abroad", "back", "day"],
        ["vivir"] = ["a", "en"],
        ["vivre"] = ["a", "en"],
        ["morar"] = ["em", "no", "na", "com"],
        ["new"] = ["job", "city"],
        ["neuer"] = ["job"],
        ["neuen"] = ["job"],
        ["nuevo"] = ["trabajo", "curro", "laburo"],
        ["novo"] = ["emprego", "trabalho"],
        ["nouveau"] = ["job", "travail", "boulot"],
    };

    /// <summary>The sign reads as everyday where it stands.</summary>
    public static bool Everyday(NormalisedText text, List<PhraseMatch> matches, EntryKind?[] persons, PhraseMatch sign)
    {
        var tokens = text.Tokens;
        var sentence = tokens[sign.Start].Sentence;
        var next = sign.End + 1 < tokens.Count && tokens[sign.End + 1].Sentence == sentence ? tokens[sign.End + 1].Text : null;
        switch (sign.Entry.Signal)
        {
            case SignalClass.Means:
                return SentenceHas(tokens, sentence, Care);
            case SignalClass.Ready:
                // "Ya la cargué", "já carreguei", "it's loaded" are a weapon's only in a text that names one (not a glue gun).
                return SentenceHas(tokens, sentence, Care)
                    || (Covers(tokens, sign, Loading) && (!TextHas(tokens, Weapons) || TextHas(tokens, Toys)));
            case SignalClass.Burden:
                // The writer must be the burden ("soy una carga", "I'm such a burden"); "the rent is a burden" is not.
                return Array.IndexOf(persons, EntryKind.First, sign.Start, sign.End - sign.Start + 1) < 0
                    && ContextRules.NearestSubject(text, persons, sign.Start, sentence) != EntryKind.First;
            case SignalClass.Resolve:
                // "Tomé la decisión de ir al médico" is everyday; "tomé la decisión de tomarme la caja entera" is not.
                return next is not null && Complements.Contains(next)
                    && !matches.Exists(m => m.Start > sign.End && tokens[m.Start].Sentence == sentence
                        && (m.Entry.Kind == EntryKind.Crisis || (m.Entry.Kind == EntryKind.Signal && m.Entry.Signal is SignalClass.Means or SignalClass.Ready or SignalClass.Method)));
            case SignalClass.Absence:
                return (next is not null && Places.Contains(next) && GroupOrPlaceWithin(tokens, sign.End + 2, sentence))
                    || (next is not null && ForAWhile.Contains(next))
                    || WritersMove(tokens, persons);
            case SignalClass.Arrangement:
                return WritersMove(tokens, persons) || SentenceHas(tokens, sentence, Household);
            default:
                return false;
        }
    }

    private static bool GroupOrPlaceWithin(IReadOnlyList<NormalisedToken> tokens, int from, int sentence)
    {
        for (var i = from; i < tokens.Count && i < from + 3 && tokens[i].Sentence == sentence; i++)
        {
            if (GroupsAndPlaces.Contains(tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A move named in the text, by the writer (no one else named just before it: "minha filha vai se mudar").</summary>
    private static bool WritersMove(IReadOnlyList<NormalisedToken> tokens, EntryKind?[] persons)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Moving.Contains(tokens[i].Text)
                || (i + 1 < tokens.Count && MovingVerbs.TryGetValue(tokens[i].Text, out var after) && Array.IndexOf(after, tokens[i + 1].Text) >= 0))
            {
                for (var j = i - 1; j >= 0 && j >= i - 4 && tokens[j].Sentence == tokens[i].Sentence; j--)
                {
                    if (persons[j] == EntryKind.Third)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }
}
