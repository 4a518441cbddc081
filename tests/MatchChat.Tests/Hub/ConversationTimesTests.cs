using MatchChat.Contracts.Conversations;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>One conversation has one start time: the listener's and the seeker's views agree (an outside probe saw two).</summary>
public sealed class ConversationTimesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Both_participants_see_the_same_startedAt_in_Matched_and_in_their_lists()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (seekerView, listenerView) = await Journeys.Match(seeker, listener, TestTopics.Slug(42));

        Assert.Equal(listenerView.StartedAt, seekerView.StartedAt);
        var listed = (await seeker.Conn.Invoke<Conversation[]>("ListConversations")).Single(c => c.ConversationId == seekerView.ConversationId);
        var theirs = (await listener.Conn.Invoke<Conversation[]>("ListConversations")).Single(c => c.ConversationId == seekerView.ConversationId);
        Assert.Equal(theirs.StartedAt, listed.StartedAt);
    }
}
