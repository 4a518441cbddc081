using MatchChat.Language.Detection;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// One phrase of a lexicon: its words as vocabulary ids (<see cref="Lexicon.Wildcard"/> for "*"), the same
/// phrase squashed into one string for run-together writing ("killmyself"), and how it must be read.
/// </summary>
/// <param name="SelfReferring">The phrase names the writer itself ("kill myself", "quiero morir", "kms").</param>
/// <param name="NeedsExplicitSubject">A bare noun ("suicide", "overdose"): crisis only with "I"/"my" before it.</param>
/// <param name="Signal">For a <see cref="EntryKind.Signal"/> phrase, the kind of warning sign.</param>
/// <param name="Languages">Every list the phrase is in, as <see cref="Lexicon.LanguageBit"/> bits (<paramref name="Language"/> is the first).</param>
public sealed record LexiconEntry(
    EntryKind Kind,
    CrisisReason Reason,
    string Language,
    int[] Words,
    string Squashed,
    bool SelfReferring,
    bool NeedsExplicitSubject,
    SignalClass Signal = SignalClass.None,
    int Languages = 0);
