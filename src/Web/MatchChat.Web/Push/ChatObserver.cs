using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Rooms;
using MatchChat.Web.Clients;

namespace MatchChat.Web.Push;

/// <summary>
/// This node's observer: forwards grain events to the member's connections on this node (member events) and groups (channel events).
/// Group membership changes take effect at once, in the order events arrive; the sends themselves are queued in
/// order per member and per channel (<see cref="OrderedSends"/>), so no send waits for another member's or channel's.
/// Orleans calls it one event at a time; the push renewal also calls <see cref="ConversationEnded"/> for an end this
/// node missed, concurrently with those (what it touches, <see cref="LocalConnections"/> and the lanes, takes locks).
/// </summary>
public sealed class ChatObserver(
    ChatClients hub, PushBridge bridge, LocalConnections local, LocalBlocks blocks, OrderedSends sends, MemberCloser closer, ILogger logger) : IChatObserver
{
    public Task QueueUpdated(string memberId, QueueTicket ticket) => ToMember(memberId, c => c.QueueUpdated(ticket));

    /// <summary>The newest broadcast of each topic and priority this node heard, with when (a waiting seeker's page that
    /// reloads is sent it at once: an outside browser probe saw a reloaded page say "as soon as a listener is free" until
    /// the next broadcast although nobody was available). Not sent to new requests: their ticket carries their place.</summary>
    private readonly ConcurrentDictionary<(string Topic, string Priority), (QueueProgress Progress, long At)> _latestProgress = new();

    /// <summary>How long a heard broadcast is replayed to a joining connection (the queue sends again at least every
    /// 15 s while its estimate grows, and whenever anything it carries changes).</summary>
    private static readonly TimeSpan ProgressReplayedFor = TimeSpan.FromMinutes(10);

    /// <summary>To the topic's queue group: one send for every waiting seeker of the topic on this node.</summary>
    public Task QueueProgress(QueueProgress progress)
    {
        _latestProgress[(progress.Topic, progress.Priority)] = (progress, Stopwatch.GetTimestamp());
        var group = QueueGroups.For(progress.Topic);
        return ToChannel(group, () => hub.Clients.Group(group).QueueProgress(progress));
    }

    /// <summary>
    /// The topic's newest broadcasts this node heard lately, to one connection that just joined the topic's group (a
    /// waiting seeker's page that reloaded). Sent to that connection alone (no scan of the node's connections) and in the
    /// group's send order, so it cannot overtake a newer broadcast.
    /// </summary>
    public Task ReplayProgress(string queueGroup, string connectionId)
    {
        var topic = QueueGroups.TopicOf(queueGroup);
        var replay = new List<QueueProgress>(2);
        foreach (var priority in new[] { Priorities.Normal, Priorities.Urgent })
        {
            if (_latestProgress.TryGetValue((topic, priority), out var heard) && Stopwatch.GetElapsedTime(heard.At) < ProgressReplayedFor)
            {
                replay.Add(heard.Progress);
            }
        }

        return replay.Count == 0
            ? Task.CompletedTask
            : ToChannel(queueGroup, async () =>
            {
                foreach (var progress in replay)
                {
                    await hub.Clients.Client(connectionId).QueueProgress(progress);
                }
            });
    }

    public Task OfferReceived(string memberId, Offer offer) => ToMember(memberId, c => c.OfferReceived(offer));

    public Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn) => ToMember(memberId, c => c.OfferWithdrawn(withdrawn));

    public async Task Matched(string memberId, Conversation conversation)
    {
        if (conversation.EndedAt is null)
        {
            if (local.HasEnded(conversation.Channel))
            {
                // Ended here lately (a Matched re-sent to a node, or one that came after the end): the page keeps the end.
                return;
            }

            await bridge.JoinChannelAsync(memberId, conversation.Channel, waitForSubscription: false);
        }

        // Ended already (its end reached the member's grain first): the page learns which conversation answered the
        // request, and nothing is joined.
        await ToMember(memberId, c => c.Matched(conversation));
    }

    /// <summary>
    /// The member hears of the end, and this node takes their connections out of the conversation's group once the
    /// channel's queued sends are out (a message sent just before the end still arrives live). Nothing more is pushed
    /// on an ended conversation; staying in it would have this node renew its subscription, and so keep the
    /// conversation's grain and group alive, for as long as the member stays connected. A join that arrives after
    /// this (read before the end) is refused (<see cref="LocalConnections.MarkEnded"/>).
    /// </summary>
    public Task ConversationEnded(string memberId, ConversationEnded ended)
    {
        var channel = Channels.ForConversation(ended.ConversationId);
        local.MarkEnded(channel);
        sends.Enqueue(channel, () => bridge.LeaveChannelAsync(memberId, channel));
        return ToMember(memberId, c => c.ConversationEnded(ended));
    }

    /// <summary>
    /// A member's grain says they are in a channel: a seeker's request joins the topic's queue group (a recent watch of
    /// that queue from this node is shared), and a channel grain re-activated elsewhere asks its members' nodes to
    /// subscribe again (always sent: the new activation knows no node).
    /// </summary>
    public Task ChannelJoined(string memberId, string channel) =>
        bridge.JoinChannelAsync(memberId, channel, waitForSubscription: false, resubscribe: !QueueGroups.IsQueueGroup(channel));

    public Task ChannelLeft(string memberId, string channel) => bridge.LeaveChannelAsync(memberId, channel);

    /// <summary>The member's other pages hear the ticket; with one page (the caller) nothing is sent.</summary>
    public Task RequestOpened(string memberId, QueueTicket ticket, string? callerConnectionId) =>
        ToMember(memberId, c => c.QueueUpdated(ticket), except: callerConnectionId);

    /// <summary>To the channel's group, except the connections of local members who blocked the sender.</summary>
    public Task MessageReceived(string senderId, Message message) =>
        ToChannel(message.Channel, () => ExceptBlockersOf(senderId, message.Channel).MessageReceived(message));

    /// <summary>To the channel's group, except the typist's own connections and those of local members who blocked them
    /// (a blocker does not see that the blocked member is active in a room).</summary>
    public Task PeerTyping(string typistId, PeerTyping typing) => ToChannel(typing.Channel, () =>
    {
        // Read when the send goes out, as for messages: a blocker's connection that joined meanwhile is left out too.
        var blockers = blocks.MembersBlocking(typistId);
        IReadOnlyList<string> except = blockers.Length == 0
            ? local.ConnectionsOf(typistId)
            : [.. local.ConnectionsOf(typistId), .. blockers.SelectMany(local.ConnectionsOf)];
        return hub.Clients.GroupExcept(typing.Channel, except).PeerTyping(typing);
    });

    public Task RoomUpdated(Room room) => ToChannel(room.Channel, () => hub.Clients.Group(room.Channel).RoomUpdated(room));

    /// <summary>In the channel's order, after the messages pushed before the erasure.</summary>
    public Task MessagesRedacted(string senderId, MessagesRedacted redacted) =>
        ToChannel(redacted.Channel, () => ExceptBlockersOf(senderId, redacted.Channel).MessagesRedacted(redacted));

    /// <summary>In the channel's order, after the message itself.</summary>
    public Task MessageRemoved(string senderId, MessageRemoved removed) =>
        ToChannel(removed.Channel, () => ExceptBlockersOf(senderId, removed.Channel).MessageRemoved(removed));

    /// <summary>The channel's group without local members who blocked the sender, read when the send goes out (a blocker's
    /// connection that joined meanwhile is left out too).</summary>
    private IChatClient ExceptBlockersOf(string senderId, string channel)
    {
        var blockers = blocks.MembersBlocking(senderId);
        return blockers.Length == 0
            ? hub.Clients.Group(channel)
            : hub.Clients.GroupExcept(channel, blockers.SelectMany(local.ConnectionsOf).ToList());
    }

    public Task MessagesRedactedFor(string memberId, MessagesRedacted redacted) => ToMember(memberId, c => c.MessagesRedacted(redacted));

    public Task MutedInRoom(string memberId, MutedInRoom muted) => ToMember(memberId, c => c.MutedInRoom(muted));

    public Task PeerPresence(string memberId, PeerPresence presence) => ToMember(memberId, c => c.PeerPresence(presence));

    public Task BlocksChanged(string memberId, string[] blockedIds)
    {
        if (local.ConnectionsOf(memberId).Length > 0)
        {
            blocks.Set(memberId, blockedIds);
        }

        return Task.CompletedTask;
    }

    public async Task RemovedFromRoom(string memberId, Room room)
    {
        if (local.ConnectionsOf(memberId).Length > 0)
        {
            await bridge.LeaveChannelAsync(memberId, room.Channel);
            await ToMember(memberId, c => c.RoomUpdated(room));
        }
    }

    /// <summary>
    /// The member left the room from one page: the others hear it. No group changes here: <c>ChannelLeft</c> and the hub's
    /// own follow-up did, and a join right after the leave (a page that rejoined) must not be undone by this one-way
    /// message arriving late (the page reads <c>ListRooms</c> on it).
    /// </summary>
    public Task LeftRoom(string memberId, Room room, string? callerConnectionId) =>
        ToMember(memberId, c => c.RoomUpdated(room), except: callerConnectionId);

    public Task MemberUpdated(string memberId, Member member)
    {
        try
        {
            bridge.OnModeratorRoleSeen(memberId, member.Roles.Contains(MemberRoles.Moderator, StringComparer.Ordinal));
        }
        catch (Exception e)
        {
            logger.LogWarning("Moderator role change: applying it to this node's connections failed ({ExceptionType})", e.GetType().Name);
        }

        return ToMember(memberId, c => c.MemberUpdated(member));
    }

    public Task CloseMember(string memberId, string reason)
    {
        closer.Close(memberId, reason);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>Suspended</c> goes into the member's lane, then a mark: the close waits until the lane has sent everything queued
    /// before the mark (the notice included), then <see cref="MemberCloser.Grace"/>, so the page reads why before its
    /// connection goes. A lane stuck on a slow socket holds the close at most <see cref="MemberCloser.LongestWait"/>.
    /// </summary>
    public Task MemberSuspended(string memberId, SuspensionNotice notice)
    {
        ToMember(memberId, c => c.Suspended(notice));
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sends.Enqueue(MemberLane(memberId), () =>
        {
            sent.TrySetResult();
            return Task.CompletedTask;
        });
        closer.CloseAfter(memberId, EndReasons.Suspended, sent.Task);
        return Task.CompletedTask;
    }

    public Task Warned(string memberId, Warned warned) => ToMember(memberId, c => c.Warned(warned));

    public Task CrisisResources(string memberId, CrisisResources resources) => ToMember(memberId, c => c.CrisisResources(resources));

    public Task PeerNeedsCare(string memberId, PeerNeedsCare care) => ToMember(memberId, c => c.PeerNeedsCare(care));

    /// <summary>To this node's moderator connections only (<see cref="ModeratorConnections"/> keeps that group).</summary>
    public Task CrisisAlert(Alert alert) => ToChannel(ModeratorConnections.Group, () => hub.Clients.Group(ModeratorConnections.Group).CrisisAlert(alert));

    /// <summary>Like <see cref="CrisisAlert"/>, in the same order (an acknowledgement never arrives before its alert).</summary>
    public Task AlertUpdated(Alert alert) => ToChannel(ModeratorConnections.Group, () => hub.Clients.Group(ModeratorConnections.Group).AlertUpdated(alert));

    public Task Thanked(string memberId, Thanked thanked) => ToMember(memberId, c => c.Thanked(thanked));
    public Task CheckInDue(string memberId, CheckInDue due)
    {
        // Rare and hard to trace afterwards: how many of the member's connections this node pushes a due check-in to.
        logger.LogInformation("Check-in due: pushing to {Connections} connection(s) on this node", local.ConnectionsOf(memberId).Length);
        return ToMember(memberId, c => c.CheckInDue(due));
    }

    private Task ToMember(string memberId, Func<IChatClient, Task> send, string? except = null)
    {
        sends.Enqueue(MemberLane(memberId), () => ToConnections(memberId, send, except));
        return Task.CompletedTask;
    }

    private static string MemberLane(string memberId) => "member:" + memberId;

    /// <summary>
    /// One send per connection of the member on this node, looked up in <see cref="LocalConnections"/> when the send
    /// runs. Not <c>Clients.User</c> nor <c>Clients.Clients(ids)</c>: ASP.NET Core's default lifetime manager serves
    /// both by scanning every connection of the node with a predicate; <c>Clients.Client(id)</c> is one dictionary
    /// lookup. A connection that closed meanwhile is skipped by SignalR (docs/benchmarks.md, "Goal 5: push fan-out").
    /// </summary>
    private Task ToConnections(string memberId, Func<IChatClient, Task> send, string? except)
    {
        var connections = local.ConnectionsOf(memberId);
        if (connections.Length == 1)
        {
            return connections[0] == except ? Task.CompletedTask : send(hub.Clients.Client(connections[0]));
        }

        if (connections.Length == 0)
        {
            return Task.CompletedTask;
        }

        var writes = new List<Task>(connections.Length);
        foreach (var connection in connections)
        {
            if (connection != except)
            {
                writes.Add(send(hub.Clients.Client(connection)));
            }
        }

        return Task.WhenAll(writes);
    }

    private Task ToChannel(string channel, Func<Task> send)
    {
        sends.Enqueue(channel, send);
        return Task.CompletedTask;
    }
}
