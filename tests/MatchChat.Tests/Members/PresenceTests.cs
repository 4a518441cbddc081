using MatchChat.Grains.Hosting;
using MatchChat.Grains.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Members;

/// <summary>Presence as a plain class: grace periods, node expiry and a fresh activation, on a clock the test moves.</summary>
public sealed class PresenceTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly ManualTime _time = new(Start);
    private readonly RecordingObserver _node = new();
    private readonly MatchChatTimings _timings = new() { ListenerGraceSeconds = 60, SeekerGraceSeconds = 120, ObserverExpirySeconds = 45 };

    [Fact]
    public void A_fresh_activation_counts_grace_periods_from_its_start_until_a_node_attaches()
    {
        var presence = new Presence(_timings, _time);
        Assert.Equal(Start.AddSeconds(60), presence.NextDeadline(listenerAvailable: true, waiting: true));
        Assert.Equal(Start.AddSeconds(120), presence.NextDeadline(listenerAvailable: false, waiting: true));
        Assert.Null(presence.NextDeadline(listenerAvailable: false, waiting: false));

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(new PresenceVerdict(true, false), presence.Check(listenerAvailable: true, waiting: true));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new PresenceVerdict(true, true), presence.Check(listenerAvailable: true, waiting: true));
    }

    [Fact]
    public void A_connected_member_has_no_grace_running_and_only_the_node_expiry_is_due()
    {
        var presence = new Presence(_timings, _time);
        Assert.True(presence.Attach("node-a", _node));
        Assert.False(presence.Attach("node-a", _node));
        Assert.True(presence.Connected);
        Assert.Equal(Start.AddSeconds(45), presence.NextDeadline(listenerAvailable: true, waiting: true));

        _time.Advance(TimeSpan.FromSeconds(30));
        presence.Attach("node-a", _node);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(default, presence.Check(listenerAvailable: true, waiting: true));
    }

    [Fact]
    public void Grace_counts_from_the_last_detach_and_a_reattach_stops_it()
    {
        var presence = new Presence(_timings, _time);
        presence.Attach("node-a", _node);
        presence.Attach("node-b", _node);
        _time.Advance(TimeSpan.FromSeconds(10));
        presence.Detach("node-a");
        Assert.True(presence.Connected);
        _time.Advance(TimeSpan.FromSeconds(10));
        presence.Detach("node-b");
        Assert.False(presence.Connected);
        Assert.Equal(Start.AddSeconds(20 + 60), presence.NextDeadline(listenerAvailable: true, waiting: false));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(default, presence.Check(listenerAvailable: true, waiting: false));
        presence.Attach("node-a", _node);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(default, presence.Check(listenerAvailable: true, waiting: false));
    }

    [Fact]
    public void A_node_that_stops_renewing_expires_and_grace_counts_from_its_last_renewal()
    {
        var presence = new Presence(_timings, _time);
        presence.Attach("node-a", _node);
        _time.Advance(TimeSpan.FromSeconds(20));
        presence.Attach("node-a", _node);

        // The node dies silently: nothing is due before its expiry, 45 s after its last renewal.
        Assert.Equal(Start.AddSeconds(20 + 45), presence.NextDeadline(listenerAvailable: true, waiting: true));
        _time.Advance(TimeSpan.FromSeconds(46));
        Assert.Equal(default, presence.Check(listenerAvailable: true, waiting: true));
        Assert.False(presence.Connected);
        Assert.Equal(Start.AddSeconds(20 + 60), presence.NextDeadline(listenerAvailable: true, waiting: true));

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(new PresenceVerdict(true, false), presence.Check(listenerAvailable: true, waiting: true));
    }

    [Fact]
    public void Events_reach_every_attached_node_and_none_after_it_expired()
    {
        var presence = new Presence(_timings, _time);
        var other = new RecordingObserver();
        presence.Attach("node-a", _node);
        presence.Attach("node-b", other);
        presence.Notify(n => n.ChannelJoined("m", "room:x"));
        Assert.Single(_node.Events);
        Assert.Single(other.Events);

        _time.Advance(TimeSpan.FromSeconds(30));
        presence.Attach("node-b", other);
        _time.Advance(TimeSpan.FromSeconds(20));
        presence.Notify(n => n.ChannelJoined("m", "room:y"));
        Assert.Single(_node.Events);
        Assert.Equal(2, other.Events.Count);
    }
}
