using MatchChat.Web.Push;

namespace MatchChat.Tests.Push;

/// <summary>
/// The rule a renewal lets go by: a channel the member's grain no longer lists is let go only if this node's latest
/// join of it came before the grain was asked. A join after that (a rejoin racing the renewal) keeps it.
/// </summary>
public sealed class LocalConnectionsTests
{
    [Fact]
    public void A_channel_joined_before_the_grain_was_asked_and_not_listed_is_let_go()
    {
        var local = new LocalConnections();
        local.AddConnection("m1", "c1");
        local.AddChannel("m1", "room:a");
        local.AddChannel("m1", "room:b");
        var asked = local.JoinStamp;

        Assert.Equal(["room:a"], local.NotListed("m1", ["room:b"], asked));
        Assert.True(local.RemoveChannel("m1", "room:a", asked));
        Assert.False(local.Holds("m1", "room:a"));
        Assert.Equal(["room:b"], local.Channels());
    }

    [Fact]
    public void A_channel_rejoined_after_the_grain_was_asked_is_kept()
    {
        var local = new LocalConnections();
        local.AddConnection("m1", "c1");
        local.AddChannel("m1", "room:a");
        var asked = local.JoinStamp;
        Assert.Equal(["room:a"], local.NotListed("m1", [], asked));

        // Left and joined again (or joined again from another tab) after the grain answered without it.
        local.AddChannel("m1", "room:a");

        Assert.Empty(local.NotListed("m1", [], asked));
        Assert.False(local.RemoveChannel("m1", "room:a", asked));
        Assert.True(local.Holds("m1", "room:a"));
        Assert.Equal(["room:a"], local.Channels());
    }
}
