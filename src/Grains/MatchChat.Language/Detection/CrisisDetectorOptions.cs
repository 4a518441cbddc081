namespace MatchChat.Language.Detection;

/// <summary>Thresholds of the meaning layer (cosine similarity to the prototypes). Set once, not per call.</summary>
public sealed record CrisisDetectorOptions
{
    /// <summary>Similarity to a crisis prototype at which the model alone reads crisis (with <see cref="CrisisMargin"/>).</summary>
    public float CrisisSimilarity { get; init; } = 0.62f;

    /// <summary>How much closer to a crisis prototype than to any safe one the text must be for crisis.</summary>
    public float CrisisMargin { get; init; } = 0.08f;

    /// <summary>Similarity to a crisis prototype at which the model reads concern (when closer to crisis than safe).</summary>
    public float ConcernSimilarity { get; init; } = 0.50f;

    public static CrisisDetectorOptions Default { get; } = new();
}
