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

        // The whole profile, the tags alone and each sentence of the bio are handed over together: the model reads them
        // in one run where it can (the same vectors, less CPU than one text at a time).
        var tagsText = MatchText.TagsOnly(experiences);
        var texts = new List<string> { whole };
        if (tagsText is not null)
        {
            texts.Add(tagsText);
        }

        texts.AddRange(MatchText.Sentences(bio));
        var vectors = await embedder.EmbedManyAsync(texts, cancellationToken).ConfigureAwait(false);
        var first = tagsText is null ? 1 : 2;
        var sentences = new List<QuantisedVector>(vectors.Length - first);
        for (var i = first; i < vectors.Length; i++)
        {
            sentences.Add(QuantisedVector.From(vectors[i]));
        }

        return new ListenerFacets(QuantisedVector.From(vectors[0]), tagsText is null ? null : QuantisedVector.From(vectors[1]), sentences);
    }

    public static async Task<QuantisedVector?> SeekerAsync(ITextEmbedder embedder, string? note, IReadOnlyCollection<string> experiences, CancellationToken cancellationToken = default) =>
        MatchText.ForSeeker(note, experiences) is { } text ? await QuantisedAsync(embedder, text, cancellationToken).ConfigureAwait(false) : null;

    private static async Task<QuantisedVector> QuantisedAsync(ITextEmbedder embedder, string text, CancellationToken cancellationToken) =>
        QuantisedVector.From(await embedder.EmbedAsync(text, cancellationToken).ConfigureAwait(false));
}
