using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
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
}
