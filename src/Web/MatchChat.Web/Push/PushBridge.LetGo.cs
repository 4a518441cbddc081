using System.Collections.Concurrent;
using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;

namespace MatchChat.Web.Push;

/// <summary>
/// The renewal's repair of leave events this node missed (<c>ConversationEnded</c>, <c>ChannelLeft</c>,
/// <c>RemovedFromRoom</c> are one-way and can be lost: the node's registration lapsed, a silo restarted).
/// </summary>
public sealed partial class PushBridge
{
    /// <summary>Per local member: the channels held here that their grain's answer left out at the last renewal.</summary>
    private readonly ConcurrentDictionary<string, string[]> _unlisted = new(StringComparer.Ordinal);

    // Since the last renewal's log line: memberships let go by kind, and conversations kept (confirmed open by their
    // grain, or no answer from it).
    private int _letGoConversations;
    private int _letGoRooms;
    private int _letGoQueueGroups;
    private int _keptConfirmed;
    private int _keptUnanswered;

    /// <summary>
    /// The member's channels: a channel held here (joined before the grain was asked) that the member grain's answer
    /// leaves out at two renewals in a row is let go. One miss is not enough: the event may still be on its way (a
    /// renewal that lands just after an end), and then the event's own leave does it. For a conversation the
    /// conversation's grain is asked first, here in the renewal (not on the channel's send lane, which its messages
    /// share): open and theirs, it is kept (<see cref="CheckConversation"/>); ended, its end is handled as if the
    /// event had arrived. Otherwise the let-go is queued behind the channel's sends, like an end's leave.
    /// </summary>
    private async Task LetGoOfUnlisted(string memberId, string[] listed, long asked)
    {
        var unlisted = local.NotListed(memberId, listed, asked);
        if (unlisted.Length == 0)
        {
            _unlisted.TryRemove(memberId, out _);
            return;
        }

        var missedBefore = _unlisted.GetValueOrDefault(memberId) ?? [];
        _unlisted[memberId] = unlisted;
        foreach (var channel in unlisted)
        {
            if (Array.IndexOf(missedBefore, channel) < 0)
            {
                continue;
            }

            if (ChannelRef.ConversationIdOf(channel) is { } conversationId)
            {
                var check = await CheckConversation(memberId, conversationId);
                if (check is null || check.Open)
                {
                    continue;
                }

                if (check.Ended is { } ended && _observer is { } observer)
                {
                    // Forgotten here first (so the next renewal does not pass the end on again), then handled as if
                    // the event had arrived: the page hears it, and the group leave waits behind the channel's sends.
                    if (local.RemoveChannel(memberId, channel, asked))
                    {
                        Interlocked.Increment(ref _letGoConversations);
                        await observer.ConversationEnded(memberId, ended);
                    }

                    continue;
                }
            }

            sends.Enqueue(channel, () => LetGoAsync(memberId, channel, asked));
        }
    }

    /// <summary>
    /// The member's grain no longer lists the channel, and this node's latest join of it came before the grain was
    /// asked: the event that should have taken the member out was lost. Out of the group now. A join that lands
    /// meanwhile (a later stamp) keeps the channel (<see cref="SyncGroupAsync"/>).
    /// </summary>
    private async Task LetGoAsync(string memberId, string channel, long asked)
    {
        if (!local.RemoveChannel(memberId, channel, asked))
        {
            return;
        }

        Interlocked.Increment(ref QueueGroups.IsQueueGroup(channel) ? ref _letGoQueueGroups
            : ref channel.StartsWith(Channels.RoomPrefix, StringComparison.Ordinal) ? ref _letGoRooms : ref _letGoConversations);
        await SyncGroupAsync(memberId, channel);
    }

    /// <summary>
    /// For a conversation the conversation's grain has the last word. A member grain that lost its record (a
    /// best-effort write failed, then the grain was reloaded) would otherwise cut a participant off a live chat and
    /// count their listener capacity wrong; the conversation tells the member's grain again when it is still open.
    /// Rooms and queue groups stay with the member's grain: a moderator's removal must hold. Null when the grain
    /// cannot answer (a silo not yet upgraded answers an unknown method with an error): the channel is kept until the
    /// next renewal asks again (a participant may always read their own conversation).
    /// </summary>
    private async Task<ConversationCheck?> CheckConversation(string memberId, string conversationId)
    {
        try
        {
            var check = await grains.Ref<IConversationGrain>(conversationId).Confirm(memberId, tellMember: true);
            if (check.Open)
            {
                Interlocked.Increment(ref _keptConfirmed);
            }

            return check;
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _keptUnanswered);
            logger.LogDebug("Push renewal: a conversation did not answer whether it is open ({ExceptionType})", e.GetType().Name);
            return null;
        }
    }

    /// <summary>Counts by kind alone, never whose or which; a let-go queued on a send lane is counted when it runs.</summary>
    private void LogLetGo()
    {
        var conversations = Interlocked.Exchange(ref _letGoConversations, 0);
        var rooms = Interlocked.Exchange(ref _letGoRooms, 0);
        var queueGroups = Interlocked.Exchange(ref _letGoQueueGroups, 0);
        if (conversations + rooms + queueGroups > 0)
        {
            // Each is an event this node missed.
            logger.LogWarning(
                "Push renewal: let go of channel memberships that members' grains no longer list: {Conversations} conversation(s), {Rooms} room(s), {QueueGroups} queue group(s)",
                conversations, rooms, queueGroups);
        }

        var confirmed = Interlocked.Exchange(ref _keptConfirmed, 0);
        var unanswered = Interlocked.Exchange(ref _keptUnanswered, 0);
        if (confirmed + unanswered > 0)
        {
            logger.LogWarning(
                "Push renewal: kept open conversations that members' grains no longer list: {Confirmed} confirmed by the conversation (its member's grain told again), {Unanswered} unanswered (asked again next renewal)",
                confirmed, unanswered);
        }
    }
}
