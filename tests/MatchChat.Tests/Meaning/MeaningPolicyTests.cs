using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;
using MatchChat.Language.Matching;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] The match score and its reasons, without a cluster or a model: vectors are made by hand.</summary>
public sealed class MeaningPolicyTests
{
    private const int Dimensions = 384;

    /// <summary>A unit vector pointing mostly along axis <paramref name="axis"/>, tilted towards axis 0 by <paramref name="tilt"/>.</summary>
    private static float[] Unit(int axis, float tilt = 0)
    {
        var v = new float[Dimensions];
        v[axis] = 1;
        v[0] += tilt;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static MeaningVector Vector(float[] v) => MeaningMatch.ToContract(QuantisedVector.From(v));

    private static ListenerMeaning Meaning(float[] v) => new(Vector(v), null, []);

    private static ListenerSnapshot Listener(string id, string[]? experiences = null, ListenerMeaning? meaning = null, int max = 2, int active = 0, DateTime? lastAssigned = null) =>
        new(id, "adult", experiences ?? [], max, active, false, true, lastAssigned, ["grief"], Meaning: meaning);

    private static WaitingSeeker Seeker(string[]? experiences = null, MeaningVector? meaning = null) =>
        new("r1", "s1", "grief", "adult", experiences ?? [], new HashSet<string>(), false, Meaning: meaning);

    [Fact]
    public void Among_listeners_sharing_no_tag_the_closest_meaning_wins_over_spare_capacity_and_idle_time()
    {
        var seeker = Seeker(meaning: Vector(Unit(1)));
        var chosen = MatchingPolicy.Choose(seeker,
        [
            Listener("idle-and-free", meaning: Meaning(Unit(2)), max: 5),
            Listener("close", meaning: Meaning(Unit(1, tilt: 0.3f)), max: 2, active: 1, lastAssigned: DateTime.UtcNow),
        ]);
        Assert.Equal("close", chosen!.ListenerId);
    }

    [Fact]
    public void A_shared_tag_outweighs_any_similarity_of_meaning()
    {
        var seeker = Seeker(["loss-of-parent"], Vector(Unit(1)));
        var chosen = MatchingPolicy.Choose(seeker,
        [
            Listener("same-words", meaning: Meaning(Unit(1))),
            Listener("same-tag", ["loss-of-parent"], Meaning(Unit(2))),
        ]);
        Assert.Equal("same-tag", chosen!.ListenerId);
    }

    [Fact]
    public void Without_vectors_the_rule_is_the_shared_tag_count_then_spare_capacity()
    {
        var chosen = MatchingPolicy.Choose(Seeker(["a"]),
        [
            Listener("no-vector-no-tag", max: 5),
            Listener("tag", ["a"], max: 2, active: 1),
        ]);
        Assert.Equal("tag", chosen!.ListenerId);
        Assert.Equal("roomier", MatchingPolicy.Choose(Seeker(meaning: Vector(Unit(1))), [Listener("busier", active: 1), Listener("roomier")])!.ListenerId);
    }

    [Fact]
    public void The_reason_names_shared_tags_first_then_similar_experience_then_nothing()
    {
        Assert.Equal("shared: loss-of-parent", MatchingPolicy.Reason(Seeker(["loss-of-parent"], Vector(Unit(1))), Listener("l", ["loss-of-parent"], Meaning(Unit(1)))));
        Assert.Equal("similar experience", MatchingPolicy.Reason(Seeker(meaning: Vector(Unit(1))), Listener("l", meaning: Meaning(Unit(1, tilt: 0.2f)))));
        Assert.Null(MatchingPolicy.Reason(Seeker(meaning: Vector(Unit(1))), Listener("l", meaning: Meaning(Unit(2)))));
        Assert.Null(MatchingPolicy.Reason(Seeker(), Listener("l")));
    }

    [Fact]
    public void The_planned_offer_carries_the_reason()
    {
        var plan = MatchingPolicy.Plan([Seeker(["a", "b"])], [Listener("l", ["b", "a"])], new HashSet<string>());
        Assert.Equal("shared: a, b", Assert.Single(plan).MatchReason);
    }

    [Fact]
    public void Eight_bit_vectors_keep_the_dot_product_within_a_hundredth()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            float[] Random()
            {
                var v = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                var norm = MathF.Sqrt(v.Sum(x => x * x));
                return v.Select(x => x / norm).ToArray();
            }

            var a = Random();
            var b = Random();
            var exact = a.Zip(b, (x, y) => x * y).Sum();
            var qa = QuantisedVector.From(a);
            var qb = QuantisedVector.From(b);
            Assert.InRange(QuantisedVector.Similarity(qa.Values, qa.Scale, qb.Values, qb.Scale) - exact, -0.01f, 0.01f);
            Assert.InRange(QuantisedVector.Similarity(qa.Values, qa.Scale, qa.Values, qa.Scale), 0.98f, 1.02f);
        }
    }

    [Fact]
    public void The_facets_are_averaged_over_those_the_listener_has()
    {
        Assert.Equal(0.5f, ListenerFacets.Combine(0.5f, null, null));
        Assert.Equal(0.4f, ListenerFacets.Combine(0.6f, 0.2f, null), 5);
        Assert.Equal(0.5f, ListenerFacets.Combine(0.6f, 0.3f, 0.6f), 5);
    }

    [Fact]
    public void Match_text_writes_tags_as_words_and_splits_a_bio_into_a_few_sentences()
    {
        Assert.Equal("My mum died. (loss of parent, grief)", MatchText.ForListener("My mum died.", ["loss-of-parent", "grief"]));
        Assert.Null(MatchText.ForSeeker("  ", []));
        Assert.Equal(MatchText.MaxSentences, MatchText.Sentences(string.Join(". ", Enumerable.Repeat("A sentence here", 10))).Length);
    }
}
