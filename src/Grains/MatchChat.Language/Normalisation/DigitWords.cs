using System.Collections.Frozen;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// Digits written for whole words in chat ("1 w4nt 2 d13": "i want to die"): a lone "1" before a verb the writer says of
/// themselves is "i", a lone "2" between a verb or word that takes "to" and a word is "to" (stop 61). Digits inside words
/// are <see cref="Leet"/>'s. Counts stay counts: "took 2 pills", "at 1 am", "1 more day", "i have 2 cats".
/// </summary>
internal static class DigitWords
{
    /// <summary>Verbs that follow "i" and hardly a number: "1 want", "1 cant", "1 feel".</summary>
    private static readonly FrozenSet<string> AfterI = new[]
    {
        "want", "wanna", "wish", "need", "feel", "hate", "cant", "cannot", "dont", "wont", "will", "just", "really", "am", "m",
        "should", "could", "would", "think", "gonna", "keep", "tried", "try", "cut", "hurt", "kill", "killed", "plan", "deserve",
        "wanted", "needed", "give", "gave", "took", "cry", "miss", "hope", "know", "im", "ll", "ve", "d", "never", "still",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words before which "at 1 am" is a time, not "i am".</summary>
    private static readonly FrozenSet<string> Times = new[]
    {
        "at", "by", "till", "until", "til", "around", "before", "after", "from", "to", "past", "about", "since", "its", "it",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that take "to" before a verb: "want 2 die", "going 2 end it", "how 2 kill myself".</summary>
    private static readonly FrozenSet<string> TakeTo = new[]
    {
        "want", "wanted", "going", "need", "needed", "try", "trying", "tried", "how", "ways", "way",
        "plan", "planning", "planned", "decided", "ready", "about", "like", "able", "deserve", "wish", "hope", "love", "hate",
        "time", "reason", "nothing", "supposed", "used", "afraid", "scared", "tired", "urge", "choose", "chose", "start",
        "started", "begin", "wants", "continue", "refuse", "learn", "ought",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static void Read(List<NormalisedToken> tokens, ref Obfuscation flags)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (word is not ("1" or "2"))
            {
                continue;
            }

            var next = i + 1 < tokens.Count && tokens[i + 1].Sentence == tokens[i].Sentence ? tokens[i + 1].Text : null;
            var before = i > 0 && tokens[i - 1].Sentence == tokens[i].Sentence ? tokens[i - 1].Text : null;
            if (next is null || !IsWord(next))
            {
                continue;
            }

            var meant = word == "1"
                ? AfterI.Contains(next) && !(next is "am" or "m" && before is not null && (Times.Contains(before) || !IsWord(before))) ? "i" : null
                : before is not null && TakeTo.Contains(before) ? "to" : null;
            if (meant is not null)
            {
                tokens[i] = new NormalisedToken(meant, meant, tokens[i].Sentence);
                flags |= Obfuscation.Leetspeak;
            }
        }
    }

    private static bool IsWord(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return word.Length > 0;
    }
}
