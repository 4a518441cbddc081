using System.Text.Json;
using MatchChat.Contracts.Matching;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Listening;

/// <summary>
/// A seeker already in an open chat with a listener who asks again is not offered to that same listener (an outside
/// probe: the same pair had two open conversations, both counted against the listener's capacity), and the offer a
/// client receives never names the seeker before it is accepted.
/// </summary>
public sealed class SamePairTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_second_request_goes_to_another_listener_not_the_one_already_talking_with_the_seeker()
    {
        var topic = TestTopics.Slug(41);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await Journeys.Match(seeker, listener, topic);
        // Room for more chats, so capacity is not what keeps them apart.
        await listener.Volunteer(topic, max: 3);

        var again = await seeker.Request(topic);
        await listener.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == again.RequestId, TimeSpan.FromSeconds(1.5));

        await using var other = await server.NewMember();
        await other.BecomeAvailableListener(topic);
        var offer = await other.Conn.Next<Offer>("OfferReceived", o => o.RequestId == again.RequestId);
        Assert.Null(offer.SeekerHandle);
        // The hub writes contract types with the web defaults: the seeker's handle is not among the offer's fields.
        var json = JsonSerializer.Serialize(offer with { SeekerHandle = seeker.Handle }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.DoesNotContain(seeker.Handle, json);
    }
}
