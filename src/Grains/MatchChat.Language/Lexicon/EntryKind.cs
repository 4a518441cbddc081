namespace MatchChat.Language.Lexicon;

/// <summary>The sections of a lexicon file.</summary>
public enum EntryKind
{
    Crisis,
    Concern,
    Figure,
    First,
    Second,
    Third,
    Negation,
    Past,
    Media,
    Cue,
}
