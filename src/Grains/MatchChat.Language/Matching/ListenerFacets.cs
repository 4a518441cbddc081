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
        var sum = Dot(seeker, Whole);
        var count = 1;
        if (Tags is { } tags)
        {
            sum += Dot(seeker, tags);
            count++;
        }

        if (Sentences.Count > 0)
        {
            var best = float.MinValue;
            foreach (var sentence in Sentences)
            {
                best = Math.Max(best, Dot(seeker, sentence));
            }

            sum += best;
            count++;
        }

        return sum / count;
    }

    private static float Dot(QuantisedVector a, QuantisedVector b) => QuantisedVector.Similarity(a.Values, a.Scale, b.Values, b.Scale);
}
