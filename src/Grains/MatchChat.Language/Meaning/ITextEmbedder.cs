namespace MatchChat.Language.Meaning;

/// <summary>
/// Turns a short text into a unit-length sentence vector. One instance per process (the model is large);
/// shared by the crisis detector and, later, the match score. Implementations are thread-safe.
/// </summary>
public interface ITextEmbedder
{
    int Dimensions { get; }

    ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default);
}
