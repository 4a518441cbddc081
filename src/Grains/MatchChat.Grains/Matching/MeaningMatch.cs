using MatchChat.Contracts.Matching;
using MatchChat.Language.Matching;

namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] The contract's vectors through the rules of <see cref="ListenerFacets"/> and <see cref="QuantisedVector"/>:
/// a few hundred integer multiplications per facet, no allocation, no model.
/// </summary>
public static class MeaningMatch
{
    /// <summary>Null when either side has no vector (the model was off or too slow): then tags alone decide.</summary>
    public static float? Similarity(MeaningVector? seeker, ListenerMeaning? listener)
    {
        if (seeker is null || listener is null)
        {
            return null;
        }

        float? best = null;
        foreach (var sentence in listener.Sentences)
        {
            best = Math.Max(best ?? float.MinValue, Dot(seeker, sentence));
        }

        return ListenerFacets.Combine(Dot(seeker, listener.Whole), listener.Tags is { } tags ? Dot(seeker, tags) : null, best);
    }

    public static MeaningVector ToContract(QuantisedVector v) => new(v.Values, v.Scale);

    public static ListenerMeaning ToContract(ListenerFacets f) =>
        new(ToContract(f.Whole), f.Tags is { } t ? ToContract(t) : null, f.Sentences.Select(ToContract).ToArray());

    private static float Dot(MeaningVector a, MeaningVector b) => QuantisedVector.Similarity(a.Values, a.Scale, b.Values, b.Scale);
}
