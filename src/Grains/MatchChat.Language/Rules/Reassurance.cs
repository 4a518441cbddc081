using MatchChat.Language.Detection;
using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>"I wish I wouldn't wake up. I'm not going to do anything": when a wish is the writer's own and they say they
/// will not act, <see cref="ContextRules"/> reads it as concern and the model may not raise it.</summary>
internal static class Reassurance
{
    /// <summary>
    /// The writer's reassurance ("I'm not going to do anything") after every crisis phrase of the text, with no warning
    /// sign but burden and no plan phrase in it. One before the crisis ("ich mach nichts mehr, ich bring mich um"), one
    /// whose subject is not the writer ("the police won't do anything"; none at all counts only at a sentence's start),
    /// or one with a purpose after it ("won't do anything until Friday", "para evitarlo") is not one.
    /// </summary>
    public static bool Holds(NormalisedText text, List<PhraseMatch> matches, EntryKind?[] persons, string? hinted)
    {
        // Nearly every message has no reassurance: settle that before reading anything else.
        if (!matches.Exists(m => m.Entry.Kind == EntryKind.Reassurance))
        {
            return false;
        }

        var lastCrisis = -1;
        foreach (var m in matches)
        {
            if ((m.Entry.Kind == EntryKind.Signal && m.Entry.Signal != SignalClass.Burden && ContextRules.IsSign(m, hinted))
                || (m.Entry.Kind == EntryKind.Crisis && m.Entry.Reason is CrisisReason.Plan or CrisisReason.SelfHarm))
            {
                return false;
            }

            if (m.Entry.Kind == EntryKind.Crisis)
            {
                lastCrisis = Math.Max(lastCrisis, m.End);
                var sentence = text.Tokens[m.Start].Sentence;
                for (var i = 0; i < text.Tokens.Count; i++)
                {
                    if (text.Tokens[i].Sentence == sentence && Intents.Contains(text.Tokens[i].Text) && !InReassurance(matches, i))
                    {
                        return false;
                    }
                }
            }
        }

        foreach (var m in matches)
        {
            if (m.Entry.Kind != EntryKind.Reassurance || m.Start <= lastCrisis
                || (m.End + 1 < text.Tokens.Count && Purposes.Contains(text.Tokens[m.End + 1].Text)))
            {
                continue;
            }

            var sentence = text.Tokens[m.Start].Sentence;
            if (BelievedBefore(text, m.Start, sentence))
            {
                continue;
            }

            // The phrase's own person word ("no *voy* a hacer nada", "*ich* tu nix"), else the nearest before it that is
            // not a possessive ("*my* school won't do anything" is the school's).
            var subject = Array.IndexOf(persons, EntryKind.First, m.Start, m.End - m.Start + 1) >= 0
                ? EntryKind.First
                : SubjectBefore(text, persons, m.Start, sentence);
            if (subject == EntryKind.First || (subject is null && (m.Start == 0 || text.Tokens[m.Start - 1].Sentence != sentence)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> Purposes = new(StringComparer.Ordinal)
    {
        "until", "till", "before", "to", "hasta", "antes", "para", "avant", "jusqu", "jusqua", "pour", "bis", "vorher", "um",
        "ate", "pra", "else", "more", "mas", "mehr", "plus", "mais", "por", "for", "fur", "anymore", "stupid", "dramatic",
        "dumm", "dummes", "tonteria", "tonterias", "betise", "betises", "besteira", "besteiras",
    };

    /// <summary>"Everyone thinks I'm not going to do anything": someone else's belief, not the writer's word.</summary>
    private static readonly HashSet<string> Beliefs = new(StringComparer.Ordinal)
    {
        "think", "thinks", "believe", "believes", "creen", "cree", "piensan", "denken", "denkt", "glauben", "acha", "acham",
        "pensam", "pensent", "pense", "croient", "croit",
    };

    /// <summary>An intent, not a wish: "going to", "voy a", "je vais", "tonight".</summary>
    private static readonly HashSet<string> Intents = new(StringComparer.Ordinal)
    {
        "going", "gonna", "voy", "vou", "vais", "werde", "tonight", "noche", "soir", "nacht", "hoje", "hj",
    };

    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal)
    {
        "my", "mi", "mis", "mon", "ma", "mes", "mein", "meine", "meinen", "meinem", "meiner", "meu", "minha", "meus", "minhas",
    };

    private static EntryKind? SubjectBefore(NormalisedText text, EntryKind?[] persons, int start, int sentence)
    {
        for (var i = start - 1; i >= 0 && text.Tokens[i].Sentence == sentence; i--)
        {
            if (persons[i] is { } person && !Possessives.Contains(text.Tokens[i].Text))
            {
                return person;
            }
        }

        return null;
    }

    /// <summary>Token <paramref name="i"/> is part of a reassurance ("no *voy* a hacer nada" is no intent).</summary>
    private static bool InReassurance(List<PhraseMatch> matches, int i)
    {
        foreach (var r in matches)
        {
            if (r.Entry.Kind == EntryKind.Reassurance && r.Start <= i && i <= r.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool BelievedBefore(NormalisedText text, int start, int sentence)
    {
        for (var i = start - 1; i >= 0 && text.Tokens[i].Sentence == sentence; i--)
        {
            if (Beliefs.Contains(text.Tokens[i].Text))
            {
                return true;
            }
        }

        return false;
    }
}
