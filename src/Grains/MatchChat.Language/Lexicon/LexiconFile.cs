using MatchChat.Language.Detection;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// Reads a lexicon text file (Lexicon/Data/&lt;language&gt;.txt, embedded): <c>[section]</c> headers, one phrase
/// a line, <c>#</c> comments. A phrase starting with <c>?</c> is a bare noun that needs "I"/"my" before it;
/// with <c>!</c> it speaks for the writer although it holds no pronoun ("kms"). <c>*</c> stands for any one word.
/// Sections: crisis:ideation|selfharm|plan|farewell, concern:farewell|hopeless|distress, figure (everyday figures of speech
/// that cancel an overlapping match), first, second, third (who is speaking of whom), negation, past (time
/// distance), media (films, books, games, songs), cue (English words that send a text to the model),
/// signal:means|farewell|arrangement|absence|burden|resolve|ready|method|effects (warning signs that read as crisis only two kinds together),
/// urge (self-harm after it is an urge: concern), reassurance (the writer says they will not act), hedge ("I feel like":
/// a farewell phrase after it is concern).
/// </summary>
internal static class LexiconFile
{
    public static IEnumerable<LexiconLine> Parse(string language, string content)
    {
        var kind = (EntryKind?)null;
        var reason = CrisisReason.None;
        var signal = SignalClass.None;
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                (kind, reason, signal) = Section(line.Trim('[', ']'), language);
                continue;
            }

            if (kind is null)
            {
                throw new FormatException($"Lexicon {language}: a phrase before the first section.");
            }

            var explicitSubject = line.StartsWith('?');
            var self = line.StartsWith('!');
            yield return new LexiconLine(kind.Value, reason, language, line.TrimStart('?', '!'), self, explicitSubject, signal);
        }
    }

    private static (EntryKind, CrisisReason, SignalClass) Section(string name, string language) => name switch
    {
        "crisis:ideation" => (EntryKind.Crisis, CrisisReason.SuicidalIdeation, SignalClass.None),
        "crisis:selfharm" => (EntryKind.Crisis, CrisisReason.SelfHarm, SignalClass.None),
        "crisis:plan" => (EntryKind.Crisis, CrisisReason.Plan, SignalClass.None),
        "crisis:farewell" => (EntryKind.Crisis, CrisisReason.Farewell, SignalClass.None),
        "concern:farewell" => (EntryKind.Concern, CrisisReason.Farewell, SignalClass.None),
        "concern:hopeless" => (EntryKind.Concern, CrisisReason.Hopelessness, SignalClass.None),
        "concern:distress" => (EntryKind.Concern, CrisisReason.Distress, SignalClass.None),
        "figure" => (EntryKind.Figure, CrisisReason.None, SignalClass.None),
        "first" => (EntryKind.First, CrisisReason.None, SignalClass.None),
        "second" => (EntryKind.Second, CrisisReason.None, SignalClass.None),
        "third" => (EntryKind.Third, CrisisReason.None, SignalClass.None),
        "negation" => (EntryKind.Negation, CrisisReason.None, SignalClass.None),
        "past" => (EntryKind.Past, CrisisReason.None, SignalClass.None),
        "media" => (EntryKind.Media, CrisisReason.None, SignalClass.None),
        "cue" => (EntryKind.Cue, CrisisReason.None, SignalClass.None),
        "signal:means" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Means),
        "signal:farewell" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Farewell),
        "signal:arrangement" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Arrangement),
        "signal:absence" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Absence),
        "signal:burden" => (EntryKind.Signal, CrisisReason.Hopelessness, SignalClass.Burden),
        "signal:resolve" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Resolve),
        "signal:ready" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Ready),
        "signal:method" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Method),
        "signal:effects" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Effects),
        "urge" => (EntryKind.Urge, CrisisReason.None, SignalClass.None),
        "reassurance" => (EntryKind.Reassurance, CrisisReason.None, SignalClass.None),
        "hedge" => (EntryKind.Hedge, CrisisReason.None, SignalClass.None),
        _ => throw new FormatException($"Lexicon {language}: unknown section [{name}]."),
    };
}
