using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Grains.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>What a member's list of conversations keeps as conversations end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatListTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_listener_who_ended_22_conversations_sees_the_20_most_recent_newest_first()
    {
        var topic = TestTopics.Slug(81);
        var (listener, _, _, offer) = await _driver.Offered(topic);
        var ids = new List<string>();
        for (var i = 0; ; i++)
        {
            var conversation = await listener.Grain.AcceptOffer(offer.OfferId);
            ids.Add(conversation.ConversationId);
            await listener.Grain.EndConversation(conversation.ConversationId);
            if (i == 21)
            {
                break;
            }

            // The next seeker asks once the listener is free again (capacity 1).
            var seeker = await _driver.Member();
            var request = await seeker.Grain.RequestListener(topic, [], null);
            offer = await _driver.Node.Next<Offer>(listener.Id, o => o.RequestId == request.RequestId, seconds: 15);
        }

        var list = await listener.Grain.ListConversations();
        Assert.All(list, c => Assert.NotNull(c.EndedAt));
        Assert.Equal(Enumerable.Reverse(ids).Take(20), list.Select(c => c.ConversationId));

        // Storage holds those 20 and no more: the member's row does not grow with every conversation.
        var stored = await fixture.Stored<MemberState>("member", listener.Grain.GetGrainId());
        Assert.Equal(ids.Skip(2).Order(), stored.State!.Conversations.Select(c => c.ConversationId).Order());
    }

    [Fact]
    public async Task An_end_that_arrives_before_its_start_leaves_the_conversation_ended_not_open()
    {
        // Both notices are one-way, so they can cross: a start re-sent to a grain that lost its record, racing the end.
        var member = await _driver.Member();
        var id = Guid.NewGuid().ToString("N");
        var startedAt = DateTime.UtcNow.AddMinutes(-5);
        var endedAt = DateTime.UtcNow;
        await member.Grain.OnConversationEnded(new ConversationEnded(id, "H-peer", EndReasons.Ended, endedAt), endedAt);
        // Its node hears the end (so the grain has applied it before the start is sent).
        await _driver.Node.Next<ConversationEnded>(member.Id, e => e.ConversationId == id);
        await member.Grain.OnConversationStarted(
            new Conversation(id, Channels.ForConversation(id), TestTopics.Slug(80), "H-peer", MemberRoles.Listener, [], startedAt, null), "request-1");

        // One-way calls: wait until the grain has applied the start.
        await Eventually.Until(async () => (await member.Grain.ListConversations()).Length > 0);

        var listed = Assert.Single(await member.Grain.ListConversations());
        Assert.Equal(id, listed.ConversationId);
        Assert.Equal(endedAt, listed.EndedAt);
        // The node hears the start as already ended (a seeker's page learns which conversation answered the request).
        var matched = await _driver.Node.Next<Conversation>(member.Id, c => c.ConversationId == id);
        Assert.Equal(endedAt, matched.EndedAt);
        // A listener's open chats do not count it.
        Assert.Empty((await member.Grain.Attach("test-node", member.Node)).Channels);
    }
}
