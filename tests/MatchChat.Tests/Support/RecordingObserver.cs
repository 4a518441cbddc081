using System.Collections.Concurrent;
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

namespace MatchChat.Tests.Support;

/// <summary>Stands in for a web node in grain tests: records what grains push to it.</summary>
public sealed class RecordingObserver : IChatObserver
{
    public ConcurrentQueue<(string? MemberId, object Event)> Events { get; } = new();

    public async Task<T> Next<T>(string? memberId, Func<T, bool>? match = null, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (m, e) in Events)
            {
                if ((memberId is null || m == memberId) && e is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(T).Name} for that member within {seconds}s.");
    }

    public Task QueueUpdated(string memberId, QueueTicket ticket) => Add(memberId, ticket);
    public Task QueueProgress(QueueProgress progress) => Add(null, progress);
    public Task OfferReceived(string memberId, Offer offer) => Add(memberId, offer);
    public Task OfferWithdrawn(string memberId, OfferWithdrawn withdrawn) => Add(memberId, withdrawn);
    public Task Matched(string memberId, Conversation conversation) => Add(memberId, conversation);
    public Task ConversationEnded(string memberId, ConversationEnded ended) => Add(memberId, ended);
    public Task ChannelJoined(string memberId, string channel) => Add(memberId, channel);
    public Task ChannelLeft(string memberId, string channel) => Add(memberId, "left:" + channel);

    public Task RequestOpened(string memberId, QueueTicket ticket, string? callerConnectionId) => Add(memberId, new RequestOpenedEvent(ticket, callerConnectionId));
    public Task MessageReceived(string senderId, Message message) => Add(null, message);
    public Task PeerTyping(string typistId, PeerTyping typing) => Add(null, typing);
    public Task RoomUpdated(Room room) => Add(null, room);

    public Task MessagesRedacted(string senderId, MessagesRedacted redacted) => Add(null, redacted);

    public Task MessageRemoved(string senderId, MessageRemoved removed) => Add(null, removed);

    public Task MutedInRoom(string memberId, MutedInRoom muted) => Add(memberId, muted);

    public Task MessagesRedactedFor(string memberId, MessagesRedacted redacted) => Add(memberId, redacted);

    public Task PeerPresence(string memberId, PeerPresence presence) => Add(memberId, presence);
    public Task BlocksChanged(string memberId, string[] blockedIds) => Add(memberId, blockedIds);
    public Task RemovedFromRoom(string memberId, Room room) => Add(memberId, room);
    public Task LeftRoom(string memberId, Room room, string? callerConnectionId) => Add(memberId, room);
    public Task MemberUpdated(string memberId, Member member) => Add(memberId, member);
    public Task CloseMember(string memberId, string reason) => Add(memberId, new Closed(reason));

    /// <summary>What <see cref="CloseMember"/> records.</summary>
    public sealed record Closed(string Reason);

    /// <summary>What <see cref="RequestOpened"/> records.</summary>
    public sealed record RequestOpenedEvent(QueueTicket Ticket, string? CallerConnectionId);

    /// <summary>Records the notice, then the close it orders (as <see cref="CloseMember"/> with reason <c>suspended</c>).</summary>
    public async Task MemberSuspended(string memberId, SuspensionNotice notice)
    {
        await Add(memberId, notice);
        await Add(memberId, new Closed(EndReasons.Suspended));
    }

    public Task Warned(string memberId, Warned warned) => Add(memberId, warned);
    public Task CrisisResources(string memberId, CrisisResources resources) => Add(memberId, resources);
    public Task PeerNeedsCare(string memberId, PeerNeedsCare care) => Add(memberId, care);
    public Task CrisisAlert(Alert alert) => Add(null, alert);
    public Task AlertUpdated(Alert alert) => Add(null, alert);
    public Task Thanked(string memberId, Thanked thanked) => Add(memberId, thanked);
    public Task CheckInDue(string memberId, CheckInDue due) => Add(memberId, due);

    private Task Add(string? memberId, object e)
    {
        Events.Enqueue((memberId, e));
        return Task.CompletedTask;
    }
}
