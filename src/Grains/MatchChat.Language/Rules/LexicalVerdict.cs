using MatchChat.Language.Detection;

namespace MatchChat.Language.Rules;

/// <summary>What the phrase lists and the context rules make of a text, before any model.</summary>
/// <param name="Cues">Model cue words found (plans, goodbyes, "burden", "tonight"…).</param>
/// <param name="SpokenOfOthers">The text speaks of someone else and never of the writer.</param>
/// <param name="SecondPerson">The text addresses the reader ("you", "tu", "du"…).</param>
/// <param name="Media">The text is about a film, book, game or song.</param>
/// <param name="Distanced">A crisis phrase was found but put in the past, negated or tied to media.</param>
/// <param name="FigureOfSpeech">An everyday figure of speech was found ("killing me", "my last day at").</param>
/// <param name="FirstPerson">The text has a first-person word ("I", "my", "me"…): the writer speaks of themself.</param>
/// <param name="Reassured">The writer says they will not act, and no means, set time or plan is in the text.</param>
/// <param name="OthersAsObjectsOnly">Every word for someone else is an object pronoun ("them", "him", "her"): after a verb
/// without a subject ("took all of them") the text still speaks of the writer.</param>
public sealed record LexicalVerdict(
    CrisisLevel Level,
    CrisisReason Reason,
    int Cues,
    bool SpokenOfOthers,
    bool SecondPerson,
    bool Media,
    bool Distanced,
    bool FigureOfSpeech,
    bool FirstPerson = false,
    bool Reassured = false,
    bool OthersAsObjectsOnly = false);
