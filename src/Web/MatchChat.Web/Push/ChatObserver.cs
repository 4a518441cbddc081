using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Rooms;
using MatchChat.Web.Clients;

namespace MatchChat.Web.Push;

/// <summary>
/// This node's observer: forwards grain events to SignalR users (member events) and groups (channel events).
/// Group membership changes take effect at once, in the order events arrive; the sends themselves are queued in
/// order per member and per channel (<see cref="OrderedSends"/>), so no send waits for another member's or channel's.
/// </summary>
public sealed class ChatObserver(ChatClients hub, PushBridge bridge, LocalConnections local, OrderedSends sends) : IChatObserver
{
    public Task QueueUpdated(string memberId, QueueTicket ticket) => ToMember(memberId, c => c.QueueUpdated(ticket));

    public Task OfferReceived(string memberId, Offer offer) => ToMember(memberId, c => c.OfferReceived(offer));

    public Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn) => ToMember(memberId, c => c.OfferWithdrawn(withdrawn));

    public async Task Matched(string memberId, Conversation conversation)
    {
        await bridge.JoinChannelAsync(memberId, conversation.Channel, waitForSubscription: false);
        await ToMember(memberId, c => c.Matched(conversation));
    }

    public Task ConversationEnded(string memberId, ConversationEnded ended) => ToMember(memberId, c => c.ConversationEnded(ended));

    public Task ChannelJoined(string memberId, string channel) => bridge.JoinChannelAsync(memberId, channel, waitForSubscription: false);

    public Task ChannelLeft(string memberId, string channel) => bridge.LeaveChannelAsync(memberId, channel);

    public Task MessageReceived(Message message) => ToChannel(message.Channel, () => hub.Clients.Group(message.Channel).MessageReceived(message));

    public Task PeerTyping(string typistId, PeerTyping typing)
    {
        var except = local.ConnectionsOf(typistId);
        return ToChannel(typing.Channel, () => hub.Clients.GroupExcept(typing.Channel, except).PeerTyping(typing));
    }

    public Task RoomUpdated(Room room) => ToChannel(room.Channel, () => hub.Clients.Group(room.Channel).RoomUpdated(room));

    public Task CrisisResources(string memberId, CrisisResources resources) => ToMember(memberId, c => c.CrisisResources(resources));

    public Task PeerNeedsCare(string memberId, PeerNeedsCare care) => ToMember(memberId, c => c.PeerNeedsCare(care));

    /// <summary>To this node's moderator connections only (<see cref="ModeratorConnections"/> keeps that group).</summary>
    public Task CrisisAlert(Alert alert) => ToChannel(ModeratorConnections.Group, () => hub.Clients.Group(ModeratorConnections.Group).CrisisAlert(alert));

    private Task ToMember(string memberId, Func<IChatClient, Task> send)
    {
        sends.Enqueue("member:" + memberId, () => send(hub.Clients.User(memberId)));
        return Task.CompletedTask;
    }

    private Task ToChannel(string channel, Func<Task> send)
    {
        sends.Enqueue(channel, send);
        return Task.CompletedTask;
    }
}
