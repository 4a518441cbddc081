using MatchChat.Language.Detection;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// Reads a lexicon text file (Lexicon/Data/&lt;language&gt;.txt, embedded): <c>[section]</c> headers, one phrase
/// a line, <c>#</c> comments. A phrase starting with <c>?</c> is a bare noun that needs "I"/"my" before it;
/// with <c>!</c> it speaks for the writer although it holds no pronoun ("kms"). <c>*</c> stands for any one word.
/// Sections: crisis:ideation|selfharm|plan|farewell, concern:farewell|hopeless|distress, figure (everyday figures of speech
/// that cancel an overlapping match), first, second, third (who is speaking of whom), negation, past (time
/// distance), media (films, books, games, songs), cue (English words that send a text to the model),
/// signal:means|farewell|arrangement|absence|burden (warning signs that read as crisis only two kinds together).
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
        "signal:means" => (EntryKind.Signal, CrisisReason.Plan, SignalClass.Means),
        "signal:farewell" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Farewell),
        "signal:arrangement" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Arrangement),
        "signal:absence" => (EntryKind.Signal, CrisisReason.Farewell, SignalClass.Absence),
        "signal:burden" => (EntryKind.Signal, CrisisReason.Hopelessness, SignalClass.Burden),
        _ => Plain(name, language),
    };

    private static (EntryKind, CrisisReason, SignalClass) Plain(string name, string language)
    {
        var (kind, reason) = Kinds(name, language);
        return (kind, reason, SignalClass.None);
    }

    private static (EntryKind, CrisisReason) Kinds(string name, string language) => name switch
    {
        "crisis:ideation" => (EntryKind.Crisis, CrisisReason.SuicidalIdeation),
        "crisis:selfharm" => (EntryKind.Crisis, CrisisReason.SelfHarm),
        "crisis:plan" => (EntryKind.Crisis, CrisisReason.Plan),
        "crisis:farewell" => (EntryKind.Crisis, CrisisReason.Farewell),
        "concern:farewell" => (EntryKind.Concern, CrisisReason.Farewell),
        "concern:hopeless" => (EntryKind.Concern, CrisisReason.Hopelessness),
        "concern:distress" => (EntryKind.Concern, CrisisReason.Distress),
        "figure" => (EntryKind.Figure, CrisisReason.None),
        "first" => (EntryKind.First, CrisisReason.None),
        "second" => (EntryKind.Second, CrisisReason.None),
        "third" => (EntryKind.Third, CrisisReason.None),
        "negation" => (EntryKind.Negation, CrisisReason.None),
        "past" => (EntryKind.Past, CrisisReason.None),
        "media" => (EntryKind.Media, CrisisReason.None),
        "cue" => (EntryKind.Cue, CrisisReason.None),
        _ => throw new FormatException($"Lexicon {language}: unknown section [{name}]."),
    };
}
