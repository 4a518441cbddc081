namespace MatchChat.Language.Matching;

/// <summary>
/// A listener as the matcher reads them: the vector of their whole text (bio and tags), of their tags alone, and of
/// each sentence of their bio (at most <see cref="MatchText.MaxSentences"/>). A seeker's note is compared with all
/// three facets (<see cref="Similarity"/>): the whole says who they are, the tags name the experience in few words,
/// and the closest sentence finds the one line of a longer bio that speaks to this seeker.
/// </summary>
public sealed record ListenerFacets(QuantisedVector Whole, QuantisedVector? Tags, IReadOnlyList<QuantisedVector> Sentences)
{
    /// <summary>The mean of the seeker's similarity to each facet the listener has (the best sentence for the sentences).</summary>
    public float Similarity(QuantisedVector seeker)
    {
        float? best = null;
        foreach (var sentence in Sentences)
        {
            best = Math.Max(best ?? float.MinValue, Dot(seeker, sentence));
        }

        return Combine(Dot(seeker, Whole), Tags is { } tags ? Dot(seeker, tags) : null, best);
    }

    /// <summary>The one rule that combines the facets' similarities: their mean, over the facets the listener has.</summary>
    public static float Combine(float whole, float? tags, float? bestSentence) =>
        (whole + (tags ?? 0) + (bestSentence ?? 0)) / (1 + (tags.HasValue ? 1 : 0) + (bestSentence.HasValue ? 1 : 0));

    private static float Dot(QuantisedVector a, QuantisedVector b) => QuantisedVector.Similarity(a.Values, a.Scale, b.Values, b.Scale);
}
