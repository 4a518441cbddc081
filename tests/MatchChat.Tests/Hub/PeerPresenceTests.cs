using MatchChat.Contracts.Conversations;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>
/// Addition to the contract: the other person in an open conversation hears when someone's last connection goes and when
/// they are back (an outside browser probe: "a seeker is never told their listener has gone"). A second tab closing is
/// not leaving, and an ended conversation tells nothing.
/// </summary>
public sealed class PeerPresenceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_seeker_hears_when_the_listeners_last_connection_goes_and_when_they_are_back()
    {
        var topic = TestTopics.Slug(16);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        var second = await listener.ConnectAnother();

        await listener.Conn.DisposeAsync();
        await seeker.Conn.AssertNone<PeerPresence>("PeerPresence", wait: TimeSpan.FromMilliseconds(500));

        await second.DisposeAsync();
        var gone = await seeker.Conn.Next<PeerPresence>("PeerPresence", p => !p.Online);
        Assert.Equal(new PeerPresence(conversation.ConversationId, listener.Handle, false), gone);

        var before = seeker.Conn.Count("PeerPresence");
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        var returned = await seeker.Conn.Next<PeerPresence>("PeerPresence", skip: before);
        Assert.Equal(new PeerPresence(conversation.ConversationId, listener.Handle, true), returned);

        // After the end, nobody hears anything: the seeker leaving now is not announced to the listener.
        await back.Invoke("EndConversation", conversation.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        await seeker.Conn.DisposeAsync();
        await back.AssertNone<PeerPresence>("PeerPresence", wait: TimeSpan.FromSeconds(3));
    }
}
