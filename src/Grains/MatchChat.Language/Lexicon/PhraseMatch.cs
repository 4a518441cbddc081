namespace MatchChat.Language.Lexicon;

/// <summary>A lexicon phrase found at tokens <see cref="Start"/>..<see cref="End"/> (inclusive); <see cref="Exact"/> when no word needed the fuzzy rule.</summary>
public readonly record struct PhraseMatch(LexiconEntry Entry, int Start, int End, bool Exact)
{
    public bool Overlaps(PhraseMatch other) => Start <= other.End && other.Start <= End;
}
