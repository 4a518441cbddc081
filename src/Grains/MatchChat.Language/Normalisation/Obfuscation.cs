namespace MatchChat.Language.Normalisation;

/// <summary>The disguises the normaliser undid in a text (for metrics and tests; never the text itself).</summary>
[Flags]
public enum Obfuscation
{
    None = 0,
    FormatCharacters = 1,
    LookAlikeLetters = 2,
    Leetspeak = 4,
    SpacedLetters = 8,
    RepeatedLetters = 16,
    Compatibility = 32,
}
