using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;


namespace MatchChat.Tests.Support;

public static class Journeys
{
    /// <summary>Listener available on the topic, seeker asks, listener accepts the offer: both see Matched.</summary>
    public static async Task<(Conversation Seeker, Conversation Listener)> Match(TestMember seeker, TestMember listener, string topic, string[]? experiences = null)
    {
        await listener.BecomeAvailableListener(topic, experiences);
        await seeker.Request(topic, experiences);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);
        var accepted = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var seen = await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId);
        return (seen, accepted);
    }
}
