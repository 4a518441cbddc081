using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Tests.Matching;

/// <summary>The teen rule of the matching policy, without a cluster: an adult's acceptsTeens counts only once approved.</summary>
public sealed class TeenApprovalPolicyTests
{
    private static ListenerSnapshot Listener(string id, string age, bool acceptsTeens, bool approved) =>
        new(id, age, [], 2, 0, acceptsTeens, true, null, ["grief"], approved);

    private static WaitingSeeker Seeker(string age) => new("r1", "s1", "grief", age, [], new HashSet<string>(), false);

    [Theory]
    [InlineData("adult", false, false, false)]
    [InlineData("adult", true, false, false)]   // pending: the wish alone is not enough
    [InlineData("adult", false, true, false)]   // an approval without the wish (cleared on untick) does nothing
    [InlineData("adult", true, true, true)]     // approved
    [InlineData("teen", false, false, true)]    // a teen listener needs no approval
    public void A_teen_seeker_goes_to_teen_listeners_and_approved_adults_only(string listenerAge, bool acceptsTeens, bool approved, bool eligible) =>
        Assert.Equal(eligible, MatchingPolicy.Choose(Seeker("teen"), [Listener("l1", listenerAge, acceptsTeens, approved)]) is not null);

    [Fact]
    public void An_approved_adult_is_still_offered_adult_seekers_and_a_teen_listener_never_is()
    {
        Assert.NotNull(MatchingPolicy.Choose(Seeker("adult"), [Listener("adult", "adult", true, true)]));
        Assert.Null(MatchingPolicy.Choose(Seeker("adult"), [Listener("teen", "teen", true, true)]));
    }
}
