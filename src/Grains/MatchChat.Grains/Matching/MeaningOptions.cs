namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] Matching by meaning, bound from <c>MatchChat:Matching</c>. <see cref="Meaning"/>: notes and bios are
/// embedded and compared (default on; off matches on shared tags alone). <see cref="MeaningTimeoutSeconds"/>: how
/// long a request or profile change waits for the model before it goes on without vectors (tags alone).
/// </summary>
public sealed class MeaningOptions
{
    public bool Meaning { get; set; } = true;

    public double MeaningTimeoutSeconds { get; set; } = 2;

    /// <summary>Embeddings that may be at the model at once (running or waiting); one more goes on at once without vectors, so a burst never makes every request wait out the timeout.</summary>
    public int MaxMeaningBacklog { get; set; } = 4;

    public TimeSpan MeaningTimeout => TimeSpan.FromSeconds(MeaningTimeoutSeconds);
}
