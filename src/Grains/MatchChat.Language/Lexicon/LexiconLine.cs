using MatchChat.Language.Detection;

namespace MatchChat.Language.Lexicon;

/// <summary>One phrase as written in a lexicon file, before it is turned into vocabulary ids.</summary>
internal sealed record LexiconLine(EntryKind Kind, CrisisReason Reason, string Language, string Phrase, bool Self, bool NeedsExplicitSubject, SignalClass Signal = SignalClass.None);
