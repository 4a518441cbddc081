using MatchChat.Language.Meaning;

namespace MatchChat.Language.Matching;

/// <summary>Embeds the texts of <see cref="MatchText"/>: once per profile change for a listener, once per request for a seeker.</summary>
public static class FacetEmbedding
{
    public static async Task<ListenerFacets?> ListenerAsync(ITextEmbedder embedder, string? bio, IReadOnlyCollection<string> experiences, CancellationToken cancellationToken = default)
    {
        if (MatchText.ForListener(bio, experiences) is not { } whole)
        {
            return null;
        }

        var wholeVector = await QuantisedAsync(embedder, whole, cancellationToken).ConfigureAwait(false);
        QuantisedVector? tags = MatchText.TagsOnly(experiences) is { } t ? await QuantisedAsync(embedder, t, cancellationToken).ConfigureAwait(false) : null;
        var sentences = new List<QuantisedVector>();
        foreach (var sentence in MatchText.Sentences(bio))
        {
            sentences.Add(await QuantisedAsync(embedder, sentence, cancellationToken).ConfigureAwait(false));
        }

        return new ListenerFacets(wholeVector, tags, sentences);
    }

    public static async Task<QuantisedVector?> SeekerAsync(ITextEmbedder embedder, string? note, IReadOnlyCollection<string> experiences, CancellationToken cancellationToken = default) =>
        MatchText.ForSeeker(note, experiences) is { } text ? await QuantisedAsync(embedder, text, cancellationToken).ConfigureAwait(false) : null;

    private static async Task<QuantisedVector> QuantisedAsync(ITextEmbedder embedder, string text, CancellationToken cancellationToken) =>
        QuantisedVector.From(await embedder.EmbedAsync(text, cancellationToken).ConfigureAwait(false));
}
