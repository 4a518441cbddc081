namespace MatchChat.Language.Matching;

/// <summary>
/// The match score of one listener for one seeker (README, "Matching by meaning"):
/// <c>score = shared + max(0, similarity)</c>, where <c>shared</c> is the number of experience tags both chose and
/// <c>similarity</c> the cosine similarity of the two sentence vectors (below 1 for any two different texts).
/// A tag the seeker chose is their own word for what they need, so every shared tag outweighs any similarity; among
/// listeners who share as many tags (none, most often), meaning decides. Without vectors (the model off or too slow)
/// the score is the shared-tag count alone: the matcher before this one.
/// </summary>
public static class MatchScore
{
    /// <summary>Similarity from which two texts are said to describe a similar experience (<see cref="Reason"/>).</summary>
    public const float SimilarExperience = 0.30f;

    public static double Of(int sharedExperiences, float? similarity) =>
        sharedExperiences + Math.Clamp(similarity ?? 0, 0, 0.999);

    /// <summary>
    /// Why, in plain words, for both sides: <c>shared: a, b</c> when they chose tags in common, <c>similar experience</c>
    /// when their words mean something close, null when neither.
    /// </summary>
    public static string? Reason(IReadOnlyCollection<string> shared, float? similarity) =>
        shared.Count > 0 ? "shared: " + string.Join(", ", shared)
        : similarity >= SimilarExperience ? "similar experience"
        : null;
}
