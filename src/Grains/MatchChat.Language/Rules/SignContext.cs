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
    };

    private static readonly HashSet<string> Complements = new(StringComparer.Ordinal)
    {
        "to", "on", "of", "de", "del", "a", "al", "que", "zu", "zum", "zur", "dass", "d", "da", "do", "pra", "para", "por",
    };

    private static readonly HashSet<string> Places = new(StringComparer.Ordinal)
    {
        "in", "at", "on", "en", "no", "na", "nos", "nas", "im", "bei", "dans", "au", "aux", "chez",
    };

    private static readonly HashSet<string> Moving = new(StringComparer.Ordinal)
    {
        "umzug", "umziehen", "umgezogen", "mudanza", "mudarme", "mudamos", "mudanca", "mudei", "demenage", "demenager",
        "demenagement", "relocating",
    };

    /// <summary>"Moving to", "zieh nach", "me mudo a": a move named by a verb and where to.</summary>
    private static readonly Dictionary<string, string[]> MovingVerbs = new(StringComparer.Ordinal)
    {
        ["moving"] = ["to", "house", "out", "abroad", "back"],
        ["move"] = ["to", "house", "out", "abroad", "back"],
        ["zieh"] = ["nach", "um", "aus"],
        ["ziehe"] = ["nach", "um", "aus"],
        ["mudo"] = ["a", "de"],
        ["mudar"] = ["para", "pra", "de"],
    };

    private static bool AboutMoving(IReadOnlyList<NormalisedToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Moving.Contains(tokens[i].Text)
                || (i + 1 < tokens.Count && MovingVerbs.TryGetValue(tokens[i].Text, out var after) && Array.IndexOf(after, tokens[i + 1].Text) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sign reads as everyday where it stands.</summary>
    public static bool Everyday(NormalisedText text, PhraseMatch sign)
    {
        var tokens = text.Tokens;
        var sentence = tokens[sign.Start].Sentence;
        var next = sign.End + 1 < tokens.Count && tokens[sign.End + 1].Sentence == sentence ? tokens[sign.End + 1].Text : null;
        switch (sign.Entry.Signal)
        {
            case SignalClass.Means:
                for (var i = 0; i < tokens.Count; i++)
                {
                    if (tokens[i].Sentence == sentence && Care.Contains(tokens[i].Text))
                    {
                        return true;
                    }
                }

                return false;
            case SignalClass.Resolve:
                return next is not null && Complements.Contains(next);
            case SignalClass.Absence:
                return (next is not null && Places.Contains(next)) || AboutMoving(tokens);
            case SignalClass.Arrangement:
                return AboutMoving(tokens);
            default:
                return false;
        }
    }
}
