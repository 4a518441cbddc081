using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;


namespace MatchChat.Contracts.Push;

/// <summary>
/// One per web node. Grains push events to the nodes that serve their members or channels;
/// the node forwards them to SignalR. Grains hold these references with an expiry, and the
/// node renews them (see README, "Push path"). All calls are one-way: a slow or dead node
/// never holds up a grain.
/// </summary>
[Alias("MatchChat.IChatObserver")]
public interface IChatObserver : IGrainObserver
{
    [OneWay, Alias("QueueUpdated")] Task QueueUpdated(string memberId, QueueTicket ticket);
    [OneWay, Alias("OfferReceived")] Task OfferReceived(string memberId, Offer offer);
    [OneWay, Alias("OfferWithdrawn")] Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn);
    [OneWay, Alias("Matched")] Task Matched(string memberId, Conversation conversation);
    [OneWay, Alias("ConversationEnded")] Task ConversationEnded(string memberId, ConversationEnded ended);
    [OneWay, Alias("ChannelJoined")] Task ChannelJoined(string memberId, string channel);
    [OneWay, Alias("ChannelLeft")] Task ChannelLeft(string memberId, string channel);
    [OneWay, Alias("MessageReceived")] Task MessageReceived(Message message);
    /// <summary>Sent to the channel's members except the typist, whose id the node needs to leave their own connections out.</summary>
    [OneWay, Alias("PeerTyping")] Task PeerTyping(string typistId, PeerTyping typing);
    [OneWay, Alias("RoomUpdated")] Task RoomUpdated(Room room);

    // [crisis]: to the writer, to their conversation peer, and (from the moderator desk) to the node's moderators only.
    [OneWay, Alias("CrisisResources")] Task CrisisResources(string memberId, CrisisResources resources);
    [OneWay, Alias("PeerNeedsCare")] Task PeerNeedsCare(string memberId, PeerNeedsCare care);
    [OneWay, Alias("CrisisAlert")] Task CrisisAlert(Alert alert);
}
