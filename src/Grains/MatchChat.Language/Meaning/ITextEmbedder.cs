namespace MatchChat.Language.Meaning;

/// <summary>
/// Turns a short text into a unit-length sentence vector. One instance per process (the model is large);
/// shared by the crisis detector and, later, the match score. Implementations are thread-safe.
/// </summary>
public interface ITextEmbedder
{
    int Dimensions { get; }

    /// <summary>
    /// The same model for texts that can wait behind crisis texts (matching profiles and notes). By default the embedder
    /// itself; <see cref="MiniLmEmbedder"/> reads the crisis screen's texts first.
    /// </summary>
    ITextEmbedder Background => this;

    ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// The vectors of several texts, in order (warm-ups embed hundreds of sentences). By default one after another; a
    /// model that reads several texts in one call more cheaply hands them over together.
    /// </summary>
    async ValueTask<float[][]> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            vectors[i] = await EmbedAsync(texts[i], cancellationToken).ConfigureAwait(false);
        }

        return vectors;
    }
}
