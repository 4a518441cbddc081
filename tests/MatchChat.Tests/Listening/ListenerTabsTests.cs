using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Listening;

/// <summary>
/// A listener's own changes reach all their open pages over real WebSockets: availability switched off in one tab is
/// heard in the other as <c>MemberUpdated</c> (an outside probe: the other tab kept saying "You're available").
/// </summary>
public sealed class ListenerTabsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Availability_and_profile_changes_in_one_tab_are_told_to_the_other()
    {
        var topic = TestTopics.Slug(40);
        await using var listener = await server.NewMember();
        var other = await listener.ConnectAnother();
        await listener.BecomeAvailableListener(topic, max: 2);
        await other.Next<Member>("MemberUpdated", m => m.Listener is { Available: true });

        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);
        await other.Next<Member>("MemberUpdated", m => m.Listener is { Available: false });

        await listener.Volunteer(topic, max: 3);
        Assert.Equal(3, (await other.Next<Member>("MemberUpdated", m => m.Listener is { MaxConcurrentChats: 3 })).Listener!.MaxConcurrentChats);
    }
}
