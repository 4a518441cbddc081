using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
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
    /// <summary>To the topic's queue group (<c>queue:&lt;topic&gt;</c>): the seekers waiting there move on by themselves.</summary>
    [OneWay, Alias("QueueProgress")] Task QueueProgress(QueueProgress progress);
    [OneWay, Alias("OfferReceived")] Task OfferReceived(string memberId, Offer offer);
    [OneWay, Alias("OfferWithdrawn")] Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn);
    [OneWay, Alias("Matched")] Task Matched(string memberId, Conversation conversation);
    [OneWay, Alias("ConversationEnded")] Task ConversationEnded(string memberId, ConversationEnded ended);
    /// <summary>To one member's connections: the peer of one of their open conversations went or came back.</summary>
    [OneWay, Alias("PeerPresence")] Task PeerPresence(string memberId, PeerPresence presence);
    [OneWay, Alias("ChannelJoined")] Task ChannelJoined(string memberId, string channel);
    /// <summary>
    /// The member opened a request (sent after <see cref="ChannelJoined"/> for its queue group): their connections on this
    /// node other than <paramref name="callerConnectionId"/> (the page that asked, which has the answer) hear its ticket,
    /// so a second tab shows the request at once.
    /// </summary>
    [OneWay, Alias("RequestOpened")] Task RequestOpened(string memberId, QueueTicket ticket, string? callerConnectionId);
    [OneWay, Alias("ChannelLeft")] Task ChannelLeft(string memberId, string channel);
    /// <summary>Sent to the channel's members; the node leaves out the connections of local members who blocked the sender.</summary>
    [OneWay, Alias("MessageReceived")] Task MessageReceived(string senderId, Message message);
    /// <summary>Sent to the channel's members except the typist, whose id the node needs to leave their own connections out.</summary>
    [OneWay, Alias("PeerTyping")] Task PeerTyping(string typistId, PeerTyping typing);
    [OneWay, Alias("RoomUpdated")] Task RoomUpdated(Room room);
    /// <summary>A sender's messages in the channel were erased: to the channel's group on this node (a room), except local
    /// members who blocked the sender (as for their messages: a blocker does not learn they were active there).</summary>
    [OneWay, Alias("MessagesRedacted")] Task MessagesRedacted(string senderId, MessagesRedacted redacted);
    /// <summary>A moderator removed one room message: to the channel's group on this node, except local members who blocked
    /// its sender (they never saw it).</summary>
    [OneWay, Alias("MessageRemoved")] Task MessageRemoved(string senderId, MessageRemoved removed);
    /// <summary>A sender's messages in the channel were erased: to one member's connections (a conversation's other participant).</summary>
    [OneWay, Alias("MessagesRedactedFor")] Task MessagesRedactedFor(string memberId, MessagesRedacted redacted);
    /// <summary>The member's blocks changed: the node filters their pushes by this set from now on.</summary>
    [OneWay, Alias("BlocksChanged")] Task BlocksChanged(string memberId, string[] blockedIds);
    /// <summary>From the room, to its nodes: a moderator muted or unmuted the member; their local connections hear it.</summary>
    [OneWay, Alias("MutedInRoom")] Task MutedInRoom(string memberId, MutedInRoom muted);
    /// <summary>From the room, to its nodes: a moderator took the member out; their local connections leave its group and hear <c>RoomUpdated</c> (joined false).</summary>
    [OneWay, Alias("RemovedFromRoom")] Task RemovedFromRoom(string memberId, Room room);
    /// <summary>From the member, to their nodes: they left the room (<see cref="Room.Left"/> <c>left</c>); their other local
    /// connections hear <c>RoomUpdated</c> (joined false). No group changes: <c>ChannelLeft</c> does that.</summary>
    [OneWay, Alias("LeftRoom")] Task LeftRoom(string memberId, Room room, string? callerConnectionId);

    /// <summary>The member's roles or profile changed from outside their own calls (a moderator, the operator): their open pages learn it.</summary>
    [OneWay, Alias("MemberUpdated")] Task MemberUpdated(string memberId, Member member);

    /// <summary>The member was suspended or deleted: close every connection of theirs on this node. <paramref name="reason"/> is a fixed word, never the moderator's text.</summary>
    [OneWay, Alias("CloseMember")] Task CloseMember(string memberId, string reason);
    /// <summary>
    /// The member was suspended or banned: their connections on this node hear <c>Suspended</c> first, then close as for
    /// <see cref="CloseMember"/>. One call, so the notice is always queued before the close. Unlike <see cref="CloseMember"/>'s
    /// reason, <paramref name="notice"/> carries the moderator's text, which the member reads; it is never logged.
    /// </summary>
    [OneWay, Alias("MemberSuspended")] Task MemberSuspended(string memberId, SuspensionNotice notice);
    [OneWay, Alias("Warned")] Task Warned(string memberId, Warned warned);

    // [crisis]: to the writer, to their conversation peer, and (from the moderator desk) to the node's moderators only.
    [OneWay, Alias("CrisisResources")] Task CrisisResources(string memberId, CrisisResources resources);
    [OneWay, Alias("PeerNeedsCare")] Task PeerNeedsCare(string memberId, PeerNeedsCare care);
    [OneWay, Alias("CrisisAlert")] Task CrisisAlert(Alert alert);
    // [crisis]: an alert another moderator (or this one, in another tab) acknowledged, to the node's moderators only.
    [OneWay, Alias("AlertUpdated")] Task AlertUpdated(Alert alert);

    // [network]
    [OneWay, Alias("Thanked")] Task Thanked(string memberId, Thanked thanked);
    // [network]: a due check-in, to the receiver's connections.
    [OneWay, Alias("CheckInDue")] Task CheckInDue(string memberId, CheckInDue due);
}
