namespace MatchChat.Language.Normalisation;

/// <summary>One word after normalisation: <see cref="Text"/> is folded (case, script, leet, diacritics);
/// <see cref="Skeleton"/> also has repeated letters collapsed ("kiiill" → "kil"), the form phrases are matched on.</summary>
public readonly record struct NormalisedToken(string Text, string Skeleton, int Sentence);
