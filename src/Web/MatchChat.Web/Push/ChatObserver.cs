using MatchChat.Contracts.Model;
using MatchChat.Contracts.Push;
using MatchChat.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Push;

/// <summary>This node's observer: forwards grain events to SignalR users (member events) and groups (channel events).</summary>
public sealed class ChatObserver(IHubContext<ChatHub, IChatClient> hub, PushBridge bridge, LocalConnections local) : IChatObserver
{
    public Task QueueUpdated(string memberId, QueueTicket ticket) => hub.Clients.User(memberId).QueueUpdated(ticket);

    public Task OfferReceived(string memberId, Offer offer) => hub.Clients.User(memberId).OfferReceived(offer);

    public Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn) => hub.Clients.User(memberId).OfferWithdrawn(withdrawn);

    public async Task Matched(string memberId, Conversation conversation)
    {
        await bridge.JoinChannelAsync(memberId, conversation.Channel, waitForSubscription: false);
        await hub.Clients.User(memberId).Matched(conversation);
    }

    public Task ConversationEnded(string memberId, ConversationEnded ended) => hub.Clients.User(memberId).ConversationEnded(ended);

    public Task ChannelJoined(string memberId, string channel) => bridge.JoinChannelAsync(memberId, channel, waitForSubscription: false);

    public Task ChannelLeft(string memberId, string channel) => bridge.LeaveChannelAsync(memberId, channel);

    public Task MessageReceived(Message message) => hub.Clients.Group(message.Channel).MessageReceived(message);

    public Task PeerTyping(string typistId, PeerTyping typing) =>
        hub.Clients.GroupExcept(typing.Channel, local.ConnectionsOf(typistId)).PeerTyping(typing);

    public Task RoomUpdated(Room room) => hub.Clients.Group(room.Channel).RoomUpdated(room);
}
