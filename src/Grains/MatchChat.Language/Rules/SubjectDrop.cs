using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>
/// Chat English drops the "I": "been sitting by the tracks for an hour", "tied the belt to the door, doing it now",
/// "cant keep going", "took them all". A sentence that starts with a verb and no subject speaks of the writer as surely
/// as one with "I", so the model may read it (stop 52 let the model read only texts with a first-person word, because
/// "a plain message" and "second message in the room" read as farewells; none of those starts with a verb). Only the
/// sentence's first word counts, after fillers ("ok", "honestly", "just"): a past form (-ed, or one of the common
/// irregular ones), an -ing form that is not a noun, or a verb, modal or feeling word that chat starts with.
/// </summary>
internal static class SubjectDrop
{
    /// <summary>A sentence of <paramref name="text"/> starts with a verb whose subject was left out.</summary>
    public static bool Starts(NormalisedText text)
    {
        var tokens = text.Tokens;
        var sentence = -1;
        var looking = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Sentence != sentence)
            {
                sentence = tokens[i].Sentence;
                looking = true;
            }

            if (!looking)
            {
                continue;
            }

            var word = tokens[i].Text;
            if (Fillers.Contains(word))
            {
                continue;
            }

            if (IsDroppedSubjectVerb(word))
            {
                return true;
            }

            looking = false;
        }

        return false;
    }

    private static bool IsDroppedSubjectVerb(string word) =>
        Starters.Contains(word)
        || (word.Length >= 5 && word.EndsWith("ed", StringComparison.Ordinal) && !NotPast.Contains(word))
        || (word.Length >= 6 && word.EndsWith("ing", StringComparison.Ordinal) && !NotVerbs.Contains(word));

    /// <summary>Words a chat sentence may open with before its verb.</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "ok", "okay", "k", "so", "well", "just", "honestly", "tbh", "lol", "literally", "really", "still", "already",
        "yeah", "yea", "yes", "no", "nah", "hey", "hi", "um", "umm", "uh", "idk", "like", "also", "and", "but", "then",
        "now", "today", "tonight", "finally", "kinda", "kind", "sort", "of", "actually", "basically", "seriously",
        "anyway", "anyways", "btw", "fr", "ngl", "rn", "srsly", "pretty", "much", "probably", "maybe", "almost",
    };

    /// <summary>Verbs, modals and feeling words a subjectless chat sentence starts with.</summary>
    private static readonly HashSet<string> Starters = new(StringComparer.Ordinal)
    {
        "been", "gonna", "wanna", "gotta", "cant", "cannot", "dont", "wont", "didnt", "couldnt", "wouldnt", "shouldnt",
        "aint", "am", "have", "had", "got", "feel", "felt", "feels", "want", "wish", "need", "took", "gave", "wrote",
        "bought", "put", "left", "made", "sent", "told", "thought", "think", "know", "knew", "hate", "miss", "love",
        "sorry", "tired", "done", "ready", "keep", "kept", "cut", "hurt", "lost", "sat", "stood", "found", "came",
        "went", "said", "can", "could", "will", "would", "should", "get", "going", "drank", "ate", "slept",
        "hid", "saw", "heard", "sold", "paid", "hung", "ran", "fell",
    };

    /// <summary>Words in -ed that are not past forms.</summary>
    private static readonly HashSet<string> NotPast = new(StringComparer.Ordinal)
    {
        "speed", "breed", "seed", "hundred", "wicked", "sacred", "naked", "ragged", "rugged", "beloved", "aged",
        "blessed", "wretched", "crooked", "weed", "greed", "indeed", "embed", "shred", "fred", "ted", "jared",
    };

    /// <summary>Words in -ing that are nouns or not verbs.</summary>
    private static readonly HashSet<string> NotVerbs = new(StringComparer.Ordinal)
    {
        "nothing", "something", "anything", "everything", "morning", "evening", "during", "wedding", "building",
        "meeting", "ceiling", "sibling", "darling", "spring", "string", "clothing", "pudding", "lightning", "feelings",
        "painting", "housing", "offspring", "savings", "earring", "earrings", "wording", "duckling", "sterling",
    };
}
