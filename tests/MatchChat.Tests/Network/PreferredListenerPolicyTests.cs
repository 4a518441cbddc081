using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Network;

/// <summary>[network] preferHandle as a pure rule: the contact first when eligible, the usual rules otherwise.</summary>
public sealed class PreferredListenerPolicyTests
{
    private static ListenerSnapshot Listener(string id, string[]? experiences = null, int active = 0, bool available = true,
        string age = "adult", string[]? blocked = null) =>
        new(id, age, experiences ?? [], 2, active, false, available, null, ["grief"], Blocked: blocked);

    private static WaitingSeeker Seeker(string? preferred, string id = "s1", string[]? excluded = null, bool urgent = false,
        string[]? blocked = null, string[]? experiences = null) =>
        new("r-" + id, id, "grief", "adult", experiences ?? [], new HashSet<string>(excluded ?? []), false, blocked, urgent, preferred);

    private static IReadOnlySet<string> None => new HashSet<string>();

    [Fact]
    public void The_preferred_listener_is_offered_first_even_when_another_shares_more_experiences()
    {
        var plan = MatchingPolicy.Plan([Seeker("friend", experiences: ["loss"])], [Listener("stranger", ["loss"]), Listener("friend")], None);
        Assert.Equal("friend", Assert.Single(plan).Listener.ListenerId);
    }

    [Fact]
    public void After_the_preferred_listener_declined_or_let_it_expire_the_usual_choice_follows()
    {
        var plan = MatchingPolicy.Plan([Seeker("friend", excluded: ["friend"])], [Listener("friend"), Listener("other")], None);
        Assert.Equal("other", Assert.Single(plan).Listener.ListenerId);
    }

    [Fact]
    public void A_preferred_listener_who_is_not_eligible_does_not_hold_the_request_back()
    {
        Assert.Equal("other", Assert.Single(MatchingPolicy.Plan([Seeker("friend")], [Listener("friend", available: false), Listener("other")], None)).Listener.ListenerId);
        Assert.Equal("other", Assert.Single(MatchingPolicy.Plan([Seeker("friend")], [Listener("friend", active: 2), Listener("other")], None)).Listener.ListenerId);
        Assert.Equal("other", Assert.Single(MatchingPolicy.Plan([Seeker("friend")], [Listener("friend", age: "teen"), Listener("other")], None)).Listener.ListenerId);
        Assert.Equal("other", Assert.Single(MatchingPolicy.Plan([Seeker("friend")], [Listener("friend"), Listener("other")], new HashSet<string> { "friend" })).Listener.ListenerId);
    }

    [Fact]
    public void Blocks_apply_to_the_preferred_listener_in_both_directions()
    {
        Assert.Null(PreferredListener.Pick(Seeker("friend", blocked: ["friend"]), [Listener("friend")]));
        Assert.Null(PreferredListener.Pick(Seeker("friend"), [Listener("friend", blocked: ["s1"])]));
        Assert.Empty(MatchingPolicy.Plan([Seeker("friend")], [Listener("friend", blocked: ["s1"])], None));
    }

    [Fact]
    public void Without_a_preference_nothing_changes() =>
        Assert.Null(PreferredListener.Pick(Seeker(null), [Listener("friend")]));

    [Fact]
    public void Seekers_stay_first_in_first_out_an_earlier_seeker_may_take_the_preferred_listener()
    {
        // s1 came first and the only free listener is s2's contact: s1 is served; s2 waits, keeping its place and preference.
        var plan = MatchingPolicy.Plan([Seeker(null, "s1"), Seeker("friend", "s2")], [Listener("friend")], None);
        Assert.Equal("s1", Assert.Single(plan).Seeker.SeekerId);
    }

    [Fact]
    public void With_two_free_listeners_each_seeker_gets_the_one_they_prefer()
    {
        var plan = MatchingPolicy.Plan([Seeker("b", "s1"), Seeker("a", "s2")], [Listener("a"), Listener("b")], None);
        Assert.Equal("b", plan.Single(p => p.Seeker.SeekerId == "s1").Listener.ListenerId);
        Assert.Equal("a", plan.Single(p => p.Seeker.SeekerId == "s2").Listener.ListenerId);
    }
}
