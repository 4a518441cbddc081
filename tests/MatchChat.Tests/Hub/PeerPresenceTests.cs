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

    [Fact]
    public async Task A_page_opened_while_the_peer_is_away_reads_it_in_the_conversation_list_and_their_return_there_too()
    {
        var topic = TestTopics.Slug(17);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);

        Assert.True(await PeerOnlineSeenBy(seeker.Conn, conversation.ConversationId));

        await listener.Conn.DisposeAsync();
        await seeker.Conn.Next<PeerPresence>("PeerPresence", p => !p.Online);

        // A new page of the seeker (a reload) heard nothing live, and reads it from the list.
        await using var reloaded = await TestConnection.OpenAsync(server.BaseUrl, seeker.Token);
        Assert.False(await PeerOnlineSeenBy(reloaded, conversation.ConversationId));

        await using var back = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        await reloaded.Next<PeerPresence>("PeerPresence", p => p.Online);
        Assert.True(await PeerOnlineSeenBy(reloaded, conversation.ConversationId));

        // Ended: nothing is said about the peer.
        await back.Invoke("EndConversation", conversation.ConversationId);
        await reloaded.Next<ConversationEnded>("ConversationEnded");
        var ended = (await reloaded.Invoke<Conversation[]>("ListConversations")).Single(c => c.ConversationId == conversation.ConversationId);
        Assert.Null(ended.PeerOnline);
    }

    private static async Task<bool?> PeerOnlineSeenBy(TestConnection connection, string conversationId) =>
        (await connection.Invoke<Conversation[]>("ListConversations")).Single(c => c.ConversationId == conversationId).PeerOnline;
}
