using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;


namespace MatchChat.Web.Clients;

/// <summary>Server-to-client events (PROTOCOL.md, "Events").</summary>
public interface IChatClient
{
    Task QueueUpdated(QueueTicket ticket);
    Task OfferReceived(Offer offer);
    Task OfferWithdrawn(OfferWithdrawn withdrawn);
    Task Matched(Conversation conversation);
    Task MessageReceived(Message message);
    Task PeerTyping(PeerTyping typing);
    Task ConversationEnded(ConversationEnded ended);
    Task RoomUpdated(Room room);

    // [crisis]
    Task CrisisResources(CrisisResources resources);
    Task PeerNeedsCare(PeerNeedsCare care);
    Task CrisisAlert(Alert alert);
}
