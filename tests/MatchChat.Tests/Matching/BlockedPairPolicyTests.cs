using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Matching;

/// <summary>PROTOCOL.md matching rule "neither has blocked the other", in both directions, without a cluster.</summary>
public sealed class BlockedPairPolicyTests
{
    private static ListenerSnapshot Listener(string id, string[]? blocked = null) =>
        new(id, "adult", [], 2, 0, false, true, null, ["grief"], Blocked: blocked);

    private static WaitingSeeker Seeker(string id, string[]? blocked = null) =>
        new("r-" + id, id, "grief", "adult", [], new HashSet<string>(), false, blocked);

    [Fact]
    public void A_listener_the_seeker_blocked_is_not_eligible()
    {
        Assert.False(MatchingPolicy.IsEligible(Seeker("s1", blocked: ["l1"]), Listener("l1")));
        Assert.Null(MatchingPolicy.Choose(Seeker("s1", blocked: ["l1"]), [Listener("l1")]));
    }

    [Fact]
    public void A_listener_who_blocked_the_seeker_is_not_eligible()
    {
        Assert.False(MatchingPolicy.IsEligible(Seeker("s1"), Listener("l1", blocked: ["s1"])));
        Assert.Null(MatchingPolicy.Choose(Seeker("s1"), [Listener("l1", blocked: ["s1"])]));
    }

    [Fact]
    public void Blocks_of_other_members_change_nothing()
    {
        Assert.True(MatchingPolicy.IsEligible(Seeker("s1", blocked: ["l9"]), Listener("l1", blocked: ["s9"])));
    }

    [Fact]
    public void The_plan_gives_a_blocked_listener_to_the_next_seeker_and_leaves_the_blocking_seeker_waiting()
    {
        // The first seeker blocked the only listener: the second seeker gets them, the first waits.
        var plan = MatchingPolicy.Plan([Seeker("s1", blocked: ["l1"]), Seeker("s2")], [Listener("l1")], new HashSet<string>());
        var offer = Assert.Single(plan);
        Assert.Equal("s2", offer.Seeker.SeekerId);

        // The listener blocked the first seeker: the same.
        plan = MatchingPolicy.Plan([Seeker("s1"), Seeker("s2")], [Listener("l1", blocked: ["s1"])], new HashSet<string>());
        Assert.Equal("s2", Assert.Single(plan).Seeker.SeekerId);
    }

    [Fact]
    public void A_blocked_pair_that_is_the_only_pair_is_not_matched()
    {
        Assert.Empty(MatchingPolicy.Plan([Seeker("s1", blocked: ["l1"])], [Listener("l1")], new HashSet<string>()));
        Assert.Empty(MatchingPolicy.Plan([Seeker("s1")], [Listener("l1", blocked: ["s1"])], new HashSet<string>()));
    }
}
