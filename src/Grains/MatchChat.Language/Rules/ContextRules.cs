using MatchChat.Language.Detection;
using MatchChat.Language.Lexicon;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Rules;

/// <summary>
/// Decides, sentence by sentence, whether a phrase found speaks of the writer, now:
/// <list type="bullet">
/// <item>an everyday figure of speech overlapping the phrase cancels it ("killing myself laughing");</item>
/// <item>the nearest person word before the phrase is its subject: "you" → not the writer; "he", "my friend" →
/// someone else (concern if present, nothing if past); no subject at all counts as the writer ("want to die tbh");
/// a phrase that names the writer itself ("kill myself", "quiero morir") needs no subject;</item>
/// <item>a bare noun ("suicide") is crisis only with "I"/"my" before it, otherwise concern;</item>
/// <item>a negation just before ("I don't want to die"), a time distance ("two years ago", "when I was 15") or a
/// film/book/game/song in the sentence lowers crisis to concern (the writer's own) or nothing (someone else's);</item>
/// <item>a listener's sentence addressed to "you" is support, not risk, and never flags.</item>
/// </list>
/// </summary>
public static class ContextRules
{
    private const int NegationWindow = 2;

    /// <summary>Reads the matches of one text; <paramref name="languageHint"/> (a BCP 47 tag or null) only narrows words
    /// that mean different things in different languages, and which warning signs count.</summary>
    public static LexicalVerdict Judge(NormalisedText text, List<PhraseMatch> matches, Lexicon.Lexicon lexicon, CrisisRole role, string? languageHint = null)
    {
        var level = CrisisLevel.None;
        var reason = CrisisReason.None;
        var distanced = false;
        // Without a hint (the silo screens every message before it knows the writer's language) the text's own common
        // words tell its language, when one language clearly has the most of them; it is worked out only for the few
        // texts whose reading depends on it (a "ya", two kinds of warning sign).
        var hinted = PrimaryTag(languageHint);
        var persons = PersonWords.Read(text, lexicon, hinted);
        var cues = matches.Count(m => m.Entry.Kind == EntryKind.Cue);
        var media = matches.Any(m => m.Entry.Kind == EntryKind.Media);
        var second = persons.Any(p => p == EntryKind.Second);
        var first = persons.Any(p => p == EntryKind.First);
        var third = persons.Any(p => p == EntryKind.Third);
        var hopeless = false;
        var tempered = false;

        foreach (var match in matches)
        {
            if (match.Entry.Kind is not (EntryKind.Crisis or EntryKind.Concern))
            {
                continue;
            }

            var (l, r) = Read(match, text, matches, persons, role);
            hopeless |= l == CrisisLevel.Concern && r == CrisisReason.Hopelessness;
            tempered |= match.Entry.Kind == EntryKind.Crisis && l == CrisisLevel.Concern && r is CrisisReason.Distress or CrisisReason.Hopelessness;
            // An urge or a feeling lowered to concern still goes to the model ("I gave in to the urge…" reads on).
            distanced |= match.Entry.Kind == EntryKind.Crisis && l < CrisisLevel.Crisis && l > CrisisLevel.None
                && r is not (CrisisReason.Distress or CrisisReason.Hopelessness);
            if (l > level || (l == level && l > CrisisLevel.None && reason > r))
            {
                (level, reason) = (l, r);
            }
        }

        if (level < CrisisLevel.Crisis && role != CrisisRole.Listener && !media && !(third && !first)
            && Signals(text, matches, persons, hinted, hopeless) is { } signalled)
        {
            (level, reason) = (CrisisLevel.Crisis, signalled);
        }

        // "I wish I wouldn't wake up. Not going to do anything, just tired": a wish the writer says they will not act on
        // is concern, unless a plan, means or a set time is there too. The model may not raise it either.
        var reassured = role != CrisisRole.Listener && Reassurance.Holds(text, matches, persons, hinted);
        if (reassured && level == CrisisLevel.Crisis && reason is CrisisReason.SuicidalIdeation or CrisisReason.Hopelessness)
        {
            (level, reason) = (CrisisLevel.Concern, CrisisReason.Hopelessness);
        }

        // An urge, a feeling or care that lowered a crisis phrase to concern: the model may not raise it back either.
        return new LexicalVerdict(level, reason, cues, third && !first, second, media, distanced, matches.Any(m => m.Entry.Kind == EntryKind.Figure), first,
            reassured || (tempered && level < CrisisLevel.Crisis), third && OnlyObjects(text, persons));
    }

    /// <summary>Every third-person word of the text is an object pronoun ("them", "him", "her").</summary>
    private static bool OnlyObjects(NormalisedText text, EntryKind?[] persons)
    {
        for (var i = 0; i < persons.Length; i++)
        {
            if (persons[i] == EntryKind.Third && text.Tokens[i].Text is not ("them" or "him" or "her" or "em"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Two different kinds of warning sign from the writer in one text (pills saved and a goodbye; a will and "where I'm
    /// going I won't need it") read as crisis: each alone is everyday, together they are what prevention guidance asks
    /// people to act on. The rule is not applied to a text that speaks only of someone else; a sign in a sentence put in
    /// the past, negated just before, or inside a figure of speech does not count. (Skipping each sign whose nearest
    /// person word is someone else was measured and dropped: an object, "I left my sister a letter", reads as the
    /// subject.) Returns the reason, or null when fewer than two kinds are found.
    /// </summary>
    private static CrisisReason? Signals(NormalisedText text, List<PhraseMatch> matches, EntryKind?[] persons, string? hinted, bool hopeless)
    {
        // Most texts hold no sign or signs of one kind: settle that without looking at sentences or the language. Then
        // only the text's language's signs count (the hint's, or the one its common words give): a sign is an everyday
        // word, and another language's everyday word ("lame", "testament" are French signs and English words) says nothing.
        // The writer's own hopelessness ("no way out", read as concern) counts as the burden kind.
        var own = hopeless ? Bit(SignalClass.Burden) : 0;
        var seen = own;
        foreach (var match in matches)
        {
            if (IsSign(match, hinted))
            {
                seen |= Bit(match.Entry.Signal);
            }
        }

        if (seen == 0 || (seen & (seen - 1)) == 0)
        {
            return null;
        }

        var language = hinted ?? CommonWords.LanguageOf(text);

        // One stretch of words is one sign, even when two lists hold it ("je regle le probleme" and "le probleme de"): the
        // longest reading of it counts ("tabletten liegen bereit" is means made ready, not only means).
        var kinds = own;
        Span<int> starts = stackalloc int[8];
        Span<int> ends = stackalloc int[8];
        var n = 0;
        foreach (var match in LongestFirst(matches))
        {
            if (!IsSign(match, language) || (kinds & Bit(match.Entry.Signal)) != 0 || !Counts(text, matches, persons, match))
            {
                continue;
            }

            var overlaps = false;
            for (var i = 0; i < n && !overlaps; i++)
            {
                overlaps = match.Start <= ends[i] && starts[i] <= match.End;
            }

            if (!overlaps && n < starts.Length)
            {
                kinds |= Bit(match.Entry.Signal);
                starts[n] = match.Start;
                ends[n] = match.End;
                n++;
            }
        }

        // A decision taken or a time set ("I've decided", "after tonight", "the next train") is everyday beside a goodbye,
        // papers, medicine or being away (a new job, a cold, a birth, a commute), and feeling dizzy beside anything but
        // means: each counts only beside its partners. Any other two kinds count.
        if (!SignPairs.AnyCounts(kinds))
        {
            return null;
        }

        return (kinds & (Bit(SignalClass.Means) | Bit(SignalClass.Ready) | Bit(SignalClass.Method))) != 0 ? CrisisReason.Plan : CrisisReason.Farewell;
    }

    /// <summary>The urge is the phrase's own: it holds the phrase's start ("urge to cut"), ends just before it, or one
    /// small word stands between ("ganas de | me cortar", "Drang | mich zu ritzen"). Another clause between ("ganas de
    /// llorar y me corté") makes the act an act.</summary>
    private static bool UrgeOf(NormalisedText text, PhraseMatch urge, PhraseMatch act) =>
        (urge.Start <= act.Start && act.Start <= urge.End)
        || urge.End == act.Start - 1
        || (urge.End == act.Start - 2 && UrgeLinks.Contains(text.Tokens[act.Start - 1].Text));

    private static readonly HashSet<string> UrgeLinks = new(StringComparer.Ordinal) { "to", "de", "me", "mich", "zu", "a", "se", "of", "te", "d" };

    internal static bool IsSign(PhraseMatch match, string? language) =>
        match.Entry.Kind == EntryKind.Signal && (language is null || (match.Entry.Languages & Lexicon.Lexicon.LanguageBit(language)) != 0);

    /// <summary>
    /// A sign counts unless a figure of speech overlaps it, its "all" belongs to a noun after it, the words around it make
    /// it everyday (<see cref="SignContext"/>), or its sentence is put in the past or negated just before it in the sign's
    /// own language (Portuguese "no" is "in the", not a negation).
    /// </summary>
    private static bool Counts(NormalisedText text, List<PhraseMatch> matches, EntryKind?[] persons, PhraseMatch sign)
    {
        var sentence = text.Tokens[sign.Start].Sentence;
        if (HasYear(text, sentence) || QuantifiedObject.Follows(text, matches, sign) || SignContext.Everyday(text, matches, persons, sign))
        {
            return false;
        }

        foreach (var m in matches)
        {
            if (m.Entry.Kind == EntryKind.Figure && m.Overlaps(sign))
            {
                return false;
            }

            if (text.Tokens[m.Start].Sentence != sentence || m.Overlaps(sign) || (m.Entry.Languages & sign.Entry.Languages) == 0)
            {
                continue;
            }

            if ((m.Entry.Kind == EntryKind.Past && !JustNow(text, m))
                || (m.Entry.Kind == EntryKind.Negation && m.End < sign.Start && m.End >= sign.Start - NegationWindow))
            {
                return false;
            }
        }

        return true;
    }

    private static int Bit(SignalClass signal) => 1 << (int)signal;

    /// <summary>The signs of a text, longest first (only texts with two kinds of sign get here; a few matches each).</summary>
    private static IEnumerable<PhraseMatch> LongestFirst(List<PhraseMatch> matches) =>
        matches.Where(m => m.Entry.Kind == EntryKind.Signal).OrderByDescending(m => m.End - m.Start);

    private static (CrisisLevel, CrisisReason) Read(
        PhraseMatch match, NormalisedText text, List<PhraseMatch> matches, EntryKind?[] persons, CrisisRole role)
    {
        var entry = match.Entry;
        var sentence = text.Tokens[match.Start].Sentence;
        var inSentence = matches.Where(m => text.Tokens[m.Start].Sentence == sentence && !m.Overlaps(match)).ToList();
        if (matches.Any(m => m.Entry.Kind == EntryKind.Figure && m.Overlaps(match)) || QuantifiedObject.Follows(text, matches, match))
        {
            return (CrisisLevel.None, CrisisReason.None);
        }

        var own = entry.Kind == EntryKind.Crisis ? CrisisLevel.Crisis : CrisisLevel.Concern;
        var secondInSentence = SentenceHas(text, persons, sentence, EntryKind.Second);
        if (role == CrisisRole.Listener && secondInSentence)
        {
            return (CrisisLevel.None, CrisisReason.None);
        }

        // A phrase that starts with the third person's reflexive ("se quiere matar", "sich umbringen will") is someone
        // else's, whatever object pronoun stands before it ("me mandó un audio diciendo que se quiere matar").
        var subject = text.Tokens[match.Start].Text is "se" or "sich"
            ? EntryKind.Third
            : VerbFirst(text, persons, match) ?? NearestSubject(text, persons, match.Start, sentence);
        var namesWriter = entry.SelfReferring && match.Exact;
        if (!namesWriter)
        {
            if (subject == EntryKind.Second)
            {
                return (CrisisLevel.None, CrisisReason.None);
            }

            if (subject == EntryKind.Third)
            {
                var past = inSentence.Any(m => m.Entry.Kind == EntryKind.Past && !JustNow(text, m)) || HasYear(text, sentence);
                var mediaTalk = inSentence.Any(m => m.Entry.Kind == EntryKind.Media);
                return past || mediaTalk || own == CrisisLevel.Concern
                    ? (CrisisLevel.None, CrisisReason.None)
                    : (CrisisLevel.Concern, CrisisReason.SomeoneElseAtRisk);
            }

            if (subject is null && (role == CrisisRole.Listener || entry.NeedsExplicitSubject))
            {
                own = Lower(own);
            }
        }

        if (own == CrisisLevel.None)
        {
            return (CrisisLevel.None, CrisisReason.None);
        }

        // "The doctor prescribed antibiotics, I took all the pills in the box": medicine in a sentence about care is
        // read as concern, not an overdose.
        if (entry.Reason == CrisisReason.Plan && SignContext.AboutCare(text, sentence) && !SignContext.Stockpiled(text, matches, match))
        {
            return (CrisisLevel.Concern, CrisisReason.Distress);
        }

        // "I feel like my family would be better off without me": a feeling, read as concern (said flatly, crisis).
        if (entry.Reason == CrisisReason.Farewell && inSentence.Any(m => m.Entry.Kind == EntryKind.Hedge && m.End < match.Start))
        {
            return (CrisisLevel.Concern, CrisisReason.Hopelessness);
        }

        // "The urge to cut", "ganas de cortarme", "Drang, mich zu ritzen": an urge to harm oneself, not the act.
        if (entry.Reason == CrisisReason.SelfHarm && matches.Any(m => m.Entry.Kind == EntryKind.Urge && UrgeOf(text, m, match))
            && !SignContext.ActDone(text, match.End))
        {
            return (CrisisLevel.Concern, CrisisReason.Distress);
        }

        var negated = inSentence.Any(m => m.Entry.Kind == EntryKind.Negation && m.End < match.Start && m.End >= match.Start - NegationWindow);
        var distant = inSentence.Any(m => m.Entry.Kind == EntryKind.Past && !JustNow(text, m)) || HasYear(text, sentence);
        var aboutMedia = inSentence.Any(m => m.Entry.Kind == EntryKind.Media);
        if (aboutMedia && !entry.SelfReferring)
        {
            return (CrisisLevel.None, CrisisReason.None);
        }

        if (negated || distant || aboutMedia)
        {
            // The writer's own words at a time distance are still worth a gentle word: a past attempt ("tried suicide years
            // ago", the bare noun without "I") or past self-harm ("me cortaba, hace años") reads as concern.
            var pastOwn = own == CrisisLevel.Crisis || (distant && !negated && !aboutMedia && subject != EntryKind.Third);
            return pastOwn ? (CrisisLevel.Concern, CrisisReason.Distanced) : (CrisisLevel.None, CrisisReason.None);
        }

        return (own, entry.Reason);
    }

    /// <summary>
    /// Verbs that are the writer's and someone else's alike (German "will", "möchte": I/she wants; Portuguese and Spanish
    /// "queria": I/she wanted). A phrase that starts with one ("will nicht mehr leben") speaks for a subject pronoun just
    /// before it ("sie will…"), and otherwise for the writer, whoever a clause before it was about ("meine Mutter schreit
    /// nur, will sterben").
    /// </summary>
    private static readonly HashSet<string> SharedVerbs = new(StringComparer.Ordinal) { "will", "mochte", "queria" };

    private static EntryKind? VerbFirst(NormalisedText text, EntryKind?[] persons, PhraseMatch match)
    {
        if (!SharedVerbs.Contains(text.Tokens[match.Start].Text))
        {
            return null;
        }

        // Only a subject pronoun just before makes it someone else's: a noun there may be called to ("sorry Mama, will
        // nicht mehr leben"), and "dir", "du" cannot be this verb's subject.
        var before = match.Start - 1;
        return before >= 0 && text.Tokens[before].Sentence == text.Tokens[match.Start].Sentence
            && ThirdPronouns.Contains(text.Tokens[before].Text)
            ? EntryKind.Third
            : EntryKind.First;
    }

    private static readonly HashSet<string> ThirdPronouns = new(StringComparer.Ordinal)
    {
        "er", "sie", "es", "ele", "ela", "voce", "vc", "ella", "el", "he", "she", "they", "il", "elle", "on",
    };

    private static string? PrimaryTag(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return null;
        }

        var dash = hint.IndexOfAny(['-', '_']);
        var tag = (dash < 0 ? hint : hint[..dash]).Trim().ToLowerInvariant();
        return tag is "en" or "es" or "fr" or "de" or "pt" ? tag : null;
    }

    /// <summary>Minutes or hours ago is now, not a time distance: "I took them an hour ago".</summary>
    private static readonly HashSet<string> ShortSpans = new(StringComparer.Ordinal)
    {
        "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds", "secs", "moment",
    };

    private static bool JustNow(NormalisedText text, PhraseMatch past) =>
        past.Start == past.End && past.Start > 0 && text.Tokens[past.Start].Text == "ago"
        && ShortSpans.Contains(text.Tokens[past.Start - 1].Text);

    /// <summary>A year ("in 2019") puts what the sentence says at a distance, like "two years ago".</summary>
    private static bool HasYear(NormalisedText text, int sentence) =>
        text.Tokens.Any(t => t.Sentence == sentence && t.Text.Length == 4 && (t.Text.StartsWith("19", StringComparison.Ordinal) || t.Text.StartsWith("20", StringComparison.Ordinal)) && t.Text.All(char.IsAsciiDigit));

    private static CrisisLevel Lower(CrisisLevel level) => level == CrisisLevel.Crisis ? CrisisLevel.Concern : CrisisLevel.None;

    internal static EntryKind? NearestSubject(NormalisedText text, EntryKind?[] persons, int start, int sentence)
    {
        for (var i = start - 1; i >= 0 && text.Tokens[i].Sentence == sentence; i--)
        {
            // "Mi amigo me dijo que…", "disse-me que…", "m'a dit qu'…": the writer is who was told, not who speaks.
            if (persons[i] == EntryKind.First && PersonWords.IsToldBeside(text, i))
            {
                continue;
            }

            if (persons[i] is { } person)
            {
                return person;
            }
        }

        return null;
    }

    private static bool SentenceHas(NormalisedText text, EntryKind?[] persons, int sentence, EntryKind kind)
    {
        for (var i = 0; i < persons.Length; i++)
        {
            if (persons[i] == kind && text.Tokens[i].Sentence == sentence)
            {
                return true;
            }
        }

        return false;
    }
}
