namespace MatchChat.Language.Normalisation;

/// <summary>A text as words, sentence by sentence, and which disguises were undone on the way.</summary>
public sealed record NormalisedText(IReadOnlyList<NormalisedToken> Tokens, Obfuscation Obfuscation)
{
    public int SentenceCount => Tokens.Count == 0 ? 0 : Tokens[^1].Sentence + 1;
}
