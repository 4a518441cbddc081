namespace MatchChat.Language.Detection;

/// <summary>Thresholds of the meaning layer (cosine similarity to the prototypes) and which texts reach it. Set once, not per call.</summary>
public sealed record CrisisDetectorOptions
{
    /// <summary>Similarity to a crisis prototype at which the model alone reads crisis (with <see cref="CrisisMargin"/>).</summary>
    public float CrisisSimilarity { get; init; } = 0.62f;

    /// <summary>How much closer to a crisis prototype than to any safe one the text must be for crisis.</summary>
    public float CrisisMargin { get; init; } = 0.08f;

    /// <summary>Similarity to a crisis prototype at which the model reads concern (when closer to crisis than safe).</summary>
    public float ConcernSimilarity { get; init; } = 0.50f;

    /// <summary>
    /// A first-person English text of <see cref="CrisisDetector.MinWordsForModel"/> words or more goes to the model even
    /// without a cue word (on by default: recall on phrasings nobody wrote down rises, at about three times the model
    /// time; see docs/crisis-detector.md). Off: only cue-word candidates, concern readings and request notes.
    /// </summary>
    public bool ModelForFirstPerson { get; init; } = true;

    /// <summary>
    /// Read the model through the exemplar bank (k-nearest neighbours: mean top-k similarity to crisis exemplars minus
    /// mean top-k to safe exemplars) instead of the highest similarity to a few prototypes. On by default.
    /// </summary>
    public bool NearestNeighbours { get; init; } = true;

    /// <summary>
    /// Nearest-neighbour score at or above which the model reads crisis. Chosen on the labelled set only: the grid value
    /// (0.01 steps) with the highest recall minus false-crisis rate (Youden) over its English non-listener lines.
    /// </summary>
    public float NeighbourCrisis { get; init; } = 0.04f;

    /// <summary>Nearest-neighbour score at or above which the model reads concern.</summary>
    public float NeighbourConcern { get; init; } = 0.0f;

    public static CrisisDetectorOptions Default { get; } = new();
}
