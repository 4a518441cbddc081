using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Gratitude;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Gratitude;

/// <summary>[network] Thanks that arrive while no page is connected wait in the member grain for the next connection.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfflineThanksTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task Thanks_to_a_listener_with_no_connection_arrive_once_at_their_next_connection()
    {
        var (listener, seeker, _, offer) = await _driver.Offered(TestTopics.Slug(78));
        var conversation = await listener.Grain.AcceptOffer(offer.OfferId);
        await listener.Grain.Detach("test-node");

        await _driver.Grains.GetGrain<IConversationGrain>(conversation.ConversationId).Thank(seeker.Id, 5, "thank you");
        await Task.Delay(300);
        Assert.DoesNotContain(_driver.Node.Events, e => e.MemberId == listener.Id && e.Event is Thanked);

        await listener.Grain.Attach("test-node", listener.Node);
        var thanked = await _driver.Node.Next<Thanked>(listener.Id);
        Assert.Equal(new Thanked(conversation.ConversationId, 5, "thank you"), thanked);
        Assert.Equal(1, (await listener.Grain.GetMe()).Listener!.Stats!.Thanked);

        // Delivered once: a later node's attach does not bring it again.
        await listener.Grain.Attach("another-node", listener.Node);
        await Task.Delay(300);
        Assert.Single(_driver.Node.Events, e => e.MemberId == listener.Id && e.Event is Thanked);
    }
}
