using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Detection;

/// <summary>
/// The reading of one text. Holds no text: safe to log and count.
/// </summary>
/// <param name="Level">None, concern or crisis.</param>
/// <param name="Reason">The kind of language that decided it (for metrics).</param>
/// <param name="UsedModel">The sentence-embedding model was consulted for this text.</param>
/// <param name="Obfuscation">Disguises the normaliser undid (for metrics).</param>
public sealed record CrisisAssessment(CrisisLevel Level, CrisisReason Reason, bool UsedModel, Obfuscation Obfuscation)
{
    public static readonly CrisisAssessment Nothing = new(CrisisLevel.None, CrisisReason.None, false, Obfuscation.None);
}
