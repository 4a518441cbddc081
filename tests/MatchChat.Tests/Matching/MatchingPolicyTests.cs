using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Matching;

/// <summary>PROTOCOL.md "Rules the server keeps: Matching", rule by rule, without a cluster.</summary>
public sealed class MatchingPolicyTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ListenerSnapshot Listener(
        string id, string[]? experiences = null, int max = 2, int active = 0, bool available = true,
        string age = "adult", bool acceptsTeens = false, DateTime? lastAssigned = null, string[]? topics = null) =>
        new(id, age, experiences ?? [], max, active, acceptsTeens, available, lastAssigned, topics ?? ["grief"]);

    private static WaitingSeeker Seeker(
        string id = "s1", string[]? experiences = null, string age = "adult", string topic = "grief",
        string[]? excluded = null, bool hasOffer = false) =>
        new("r-" + id, id, topic, age, experiences ?? [], new HashSet<string>(excluded ?? []), hasOffer);

    [Fact]
    public void A_listener_without_the_topic_is_not_eligible() =>
        Assert.Null(MatchingPolicy.Choose(Seeker(), [Listener("l1", topics: ["anxiety"])]));

    [Fact]
    public void An_unavailable_listener_is_not_eligible() =>
        Assert.Null(MatchingPolicy.Choose(Seeker(), [Listener("l1", available: false)]));

    [Fact]
    public void A_listener_at_capacity_is_not_eligible() =>
        Assert.Null(MatchingPolicy.Choose(Seeker(), [Listener("l1", max: 2, active: 2)]));

    [Fact]
    public void A_seeker_is_never_matched_with_themself() =>
        Assert.Null(MatchingPolicy.Choose(Seeker("same"), [Listener("same")]));

    [Fact]
    public void A_teen_seeker_goes_only_to_listeners_who_accept_teens_or_are_teens()
    {
        var teen = Seeker(age: "teen");
        Assert.Null(MatchingPolicy.Choose(teen, [Listener("adult-no")]));
        Assert.Equal("adult-yes", MatchingPolicy.Choose(teen, [Listener("adult-no"), Listener("adult-yes", acceptsTeens: true) with { TeenApproved = true }])!.ListenerId);
        Assert.Equal("teen", MatchingPolicy.Choose(teen, [Listener("adult-no"), Listener("teen", age: "teen")])!.ListenerId);
    }

    [Fact]
    public void A_teen_listener_never_gets_an_adult_seeker() =>
        Assert.Null(MatchingPolicy.Choose(Seeker(age: "adult"), [Listener("teen", age: "teen", acceptsTeens: true)]));

    [Fact]
    public void A_listener_who_declined_or_let_the_request_expire_is_not_offered_it_again() =>
        Assert.Equal("l2", MatchingPolicy.Choose(Seeker(excluded: ["l1"]), [Listener("l1"), Listener("l2")])!.ListenerId);

    [Fact]
    public void Most_shared_experiences_wins_over_spare_capacity_and_waiting_time()
    {
        var seeker = Seeker(experiences: ["lost-a-parent", "sudden-loss"]);
        var chosen = MatchingPolicy.Choose(seeker,
        [
            Listener("idle-stranger", max: 5, active: 0, lastAssigned: null),
            Listener("one-shared", ["sudden-loss"], max: 5, active: 0),
            Listener("two-shared", ["lost-a-parent", "sudden-loss"], max: 5, active: 4, lastAssigned: T0.AddHours(1)),
        ]);
        Assert.Equal("two-shared", chosen!.ListenerId);
    }

    [Fact]
    public void With_equal_shared_experiences_the_largest_share_of_spare_capacity_wins()
    {
        var chosen = MatchingPolicy.Choose(Seeker(),
        [
            Listener("half-free", max: 2, active: 1, lastAssigned: T0),
            Listener("two-thirds-free", max: 3, active: 1, lastAssigned: T0.AddHours(1)),
        ]);
        Assert.Equal("two-thirds-free", chosen!.ListenerId);
    }

    [Fact]
    public void With_equal_experiences_and_spare_share_the_longest_since_last_assignment_wins()
    {
        var chosen = MatchingPolicy.Choose(Seeker(),
        [
            Listener("recent", lastAssigned: T0.AddMinutes(30)),
            Listener("long-ago", lastAssigned: T0),
        ]);
        Assert.Equal("long-ago", chosen!.ListenerId);
        Assert.Equal("never", MatchingPolicy.Choose(Seeker(), [Listener("long-ago", lastAssigned: T0), Listener("never")])!.ListenerId);
    }

    [Fact]
    public void Waiting_seekers_are_served_first_in_first_out()
    {
        var plan = MatchingPolicy.Plan([Seeker("first"), Seeker("second"), Seeker("third")], [Listener("only")], new HashSet<string>());
        var offer = Assert.Single(plan);
        Assert.Equal("first", offer.Seeker.SeekerId);
    }

    [Fact]
    public void A_seeker_the_first_listener_cannot_take_does_not_block_the_next_seeker()
    {
        var plan = MatchingPolicy.Plan([Seeker("teen", age: "teen"), Seeker("adult")], [Listener("adults-only")], new HashSet<string>());
        Assert.Equal("adult", Assert.Single(plan).Seeker.SeekerId);
    }

    [Fact]
    public void A_listener_holds_one_offer_at_a_time_and_a_request_is_offered_to_one_listener_at_a_time()
    {
        var plan = MatchingPolicy.Plan(
            [Seeker("has-offer", hasOffer: true), Seeker("a"), Seeker("b")],
            [Listener("busy", max: 5), Listener("free", max: 5)],
            new HashSet<string> { "busy" });
        var offer = Assert.Single(plan);
        Assert.Equal(("a", "free"), (offer.Seeker.SeekerId, offer.Listener.ListenerId));
    }

    [Fact]
    public void Each_listener_gets_at_most_one_new_offer_per_round_and_earlier_seekers_choose_first()
    {
        var plan = MatchingPolicy.Plan(
            [Seeker("a", ["x"]), Seeker("b", ["x"])],
            [Listener("shares-x", ["x"]), Listener("plain")],
            new HashSet<string>());
        Assert.Equal(2, plan.Count);
        Assert.Equal(("a", "shares-x"), (plan[0].Seeker.SeekerId, plan[0].Listener.ListenerId));
        Assert.Equal(("b", "plain"), (plan[1].Seeker.SeekerId, plan[1].Listener.ListenerId));
    }
}
