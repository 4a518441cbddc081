using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using MatchChat.Web.Clients;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Push;

/// <summary>
/// The push path between grains and this node's SignalR connections. One observer per node; member grains learn
/// of it when a member connects here, channel grains when a local member is in the channel. Every registration is
/// renewed on a timer shorter than the grains' expiry, so a grain that moved to another silo hears of us again
/// and a node that died is forgotten. Whatever is dropped in between, clients fill from GetHistory by seq.
/// </summary>
public sealed class PushBridge(
    IGrainFactory grains,
    ChatClients hub,
    LocalConnections local,
    LocalBlocks blocks,
    IOptions<PushOptions> options,
    OrderedSends sends,
    ILogger<PushBridge> logger,
    MemberCloser closer) : BackgroundService
{
    /// <summary>Per channel: this node's latest subscription to its grain and when it began (entries live for <see cref="SharedFor"/>; renewals prune them).</summary>
    private readonly ConcurrentDictionary<string, (Task<bool> Done, long Started)> _subscriptions = new(StringComparer.Ordinal);
    private ChatObserver? _observer;
    /// <summary>
    /// Since the last renewal's log line (<see cref="LetGoAsync"/>): channel memberships let go (conversations, rooms,
    /// queue groups), then conversations kept because their grain confirmed them, and kept because it could not answer.
    /// </summary>
    private readonly int[] _letGo = new int[5];
    /// <summary>Per local member: the channels held here that their grain's answer left out at the last renewal.</summary>
    private readonly ConcurrentDictionary<string, string[]> _unlisted = new(StringComparer.Ordinal);
    private IChatObserver? _reference;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>This node's observer, for the other grains it registers with (the moderator desk).</summary>
    public IChatObserver Observer => Reference;

    private IChatObserver Reference => _reference ?? throw new InvalidOperationException("The push bridge has not started.");

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _observer = new ChatObserver(hub, this, local, blocks, sends, closer, logger);
        _reference = grains.CreateObjectReference<IChatObserver>(_observer);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IChatObserver>(_reference);
        }
    }

    /// <summary>A connection opened: tell the member grain this node serves it, and put the connection in the member's channels.</summary>
    public async Task ConnectAsync(string memberId, string connectionId)
    {
        local.AddConnection(memberId, connectionId);
        var member = await grains.Ref<IMemberGrain>(memberId).AttachConnection(NodeId, Reference);
        blocks.Set(memberId, member.BlockedIds);
        foreach (var channel in member.Channels)
        {
            if (local.HasEnded(channel))
            {
                // Listed by the member's grain just before it ended (the end reached this node meanwhile).
                continue;
            }

            var isNew = local.AddChannel(memberId, channel);
            await SyncGroupAsync(memberId, channel);
            if (isNew)
            {
                await SubscribeTo(channel);
            }
        }
    }

    public async Task DisconnectAsync(string memberId, string connectionId)
    {
        if (local.RemoveConnection(memberId, connectionId))
        {
            blocks.Forget(memberId);
            await grains.Ref<IMemberGrain>(memberId).Detach(NodeId);
        }
    }

    /// <summary>
    /// Puts the member's local connections in the channel's group and subscribes this node to the channel's grain.
    /// A subscription this node began less than <see cref="SharedFor"/> ago, and that has not failed, is shared
    /// instead of sending another (a match joins its conversation three times within milliseconds: the listener's
    /// accept and both <c>Matched</c> events; a burst of requests on one topic joins its queue group once per seeker);
    /// <paramref name="resubscribe"/> always sends one (a channel grain re-activated elsewhere asks for it).
    /// From the observer (<paramref name="waitForSubscription"/> false) the grain call is not awaited: Orleans runs
    /// a node's observer calls one at a time, and a grain round trip there would hold up every other event.
    /// </summary>
    public async Task JoinChannelAsync(string memberId, string channel, bool waitForSubscription = true, bool resubscribe = false)
    {
        if (local.HasEnded(channel))
        {
            return;
        }

        local.AddChannel(memberId, channel);
        await SyncGroupAsync(memberId, channel);
        if (!local.Holds(memberId, channel) && local.HasEnded(channel))
        {
            // The conversation ended while this join ran: no subscription.
            return;
        }

        var subscribe = Subscription(channel, share: !resubscribe);
        if (waitForSubscription)
        {
            await subscribe;
        }
    }

    /// <summary>How long a subscription is shared by later joins of the same channel on this node.</summary>
    public static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(2);

    private Task<bool> Subscription(string channel, bool share)
    {
        var now = Stopwatch.GetTimestamp();
        if (share
            && _subscriptions.TryGetValue(channel, out var last)
            && Stopwatch.GetElapsedTime(last.Started, now) < SharedFor
            && !(last.Done.IsCompleted && !last.Done.Result))
        {
            return last.Done;
        }

        var subscribing = SubscribeAsync(channel);
        _subscriptions[channel] = (subscribing, now);
        return subscribing;
    }

    /// <summary>True when the channel's grain (or topic queue) answered.</summary>
    private async Task<bool> SubscribeAsync(string channel)
    {
        try
        {
            await SubscribeTo(channel);
            return true;
        }
        catch (Exception e)
        {
            // The next renewal subscribes again.
            logger.LogWarning("Push: subscribing to a channel failed ({ExceptionType}); retrying at the next renewal", e.GetType().Name);
            return false;
        }
    }

    /// <summary>A channel's grain, or for a topic's queue group (<see cref="QueueGroups"/>) the topic's queue, learns this node serves it.</summary>
    private Task SubscribeTo(string channel) => QueueGroups.IsQueueGroup(channel)
        ? grains.Ref<ITopicQueueGrain>(QueueGroups.TopicOf(channel)).Watch(NodeId, Reference)
        : ChannelRef.Grain(grains, channel).Subscribe(NodeId, Reference);

    /// <summary>The node forgets the member's channel first (so renewals stop even if a group removal fails), then leaves the group.</summary>
    public async Task LeaveChannelAsync(string memberId, string channel)
    {
        local.RemoveChannel(memberId, channel);
        await SyncGroupAsync(memberId, channel);
    }

    /// <summary>
    /// Puts the member's connections in the channel's group, or takes them out, as <see cref="LocalConnections"/> has
    /// it. Every join and leave changes that first and calls this after, and this looks again once its group changes
    /// are made: a join and a leave of one member and channel that run together (an accept and a lost end's let-go, a
    /// rejoin and a removal) both end with the group as the last change left it, whichever's group calls land last.
    /// </summary>
    private async Task SyncGroupAsync(string memberId, string channel)
    {
        var held = local.Holds(memberId, channel);
        // Ends once a look finds no change: another round needs another join or leave of this member and channel.
        while (true)
        {
            foreach (var connectionId in local.ConnectionsOf(memberId))
            {
                await (held ? hub.Groups.AddToGroupAsync(connectionId, channel) : hub.Groups.RemoveFromGroupAsync(connectionId, channel));
            }

            var now = local.Holds(memberId, channel);
            if (now == held)
            {
                return;
            }

            held = now;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RenewSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAsync(stoppingToken);
        }
    }

    /// <summary>One renewal round (internal: tests run it by hand).</summary>
    internal async Task RenewAsync(CancellationToken cancellationToken)
    {
        local.PruneEnded();
        foreach (var entry in _subscriptions)
        {
            if (Stopwatch.GetElapsedTime(entry.Value.Started) >= SharedFor)
            {
                _subscriptions.TryRemove(entry);
            }
        }

        foreach (var memberId in _unlisted.Keys)
        {
            if (local.ConnectionsOf(memberId).Length == 0)
            {
                _unlisted.TryRemove(memberId, out _);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
        var failures = 0;
        await Parallel.ForEachAsync(local.Members(), parallel, async (memberId, _) =>
        {
            try
            {
                var asked = local.JoinStamp;
                var member = await grains.Ref<IMemberGrain>(memberId).Attach(NodeId, Reference);
                if (local.ConnectionsOf(memberId).Length > 0)
                {
                    // Renewal also refreshes the push filter, in case a BlocksChanged was lost.
                    blocks.Set(memberId, member.BlockedIds);
                }

                LetGoOfUnlisted(memberId, member.Channels, asked);
            }
            catch (MatchChatException e) when (e.Code is ErrorCodes.Forbidden or ErrorCodes.NotFound)
            {
                // Suspended or deleted, and this node missed the close: close now.
                closer.Close(memberId, "standing");
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        });
        await Parallel.ForEachAsync(local.Channels(), parallel, async (channel, _) =>
        {
            try
            {
                await SubscribeTo(channel);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        });
        if (failures > 0)
        {
            logger.LogWarning("Push renewal: {Failures} registrations failed; retrying next round", failures);
        }

        var conversations = Interlocked.Exchange(ref _letGo[0], 0);
        var rooms = Interlocked.Exchange(ref _letGo[1], 0);
        var queueGroups = Interlocked.Exchange(ref _letGo[2], 0);
        if (conversations + rooms + queueGroups > 0)
        {
            // Each is an event this node missed; counts by kind alone, never whose or which.
            logger.LogWarning(
                "Push renewal: let go of channel memberships that members' grains no longer list: {Conversations} conversation(s), {Rooms} room(s), {QueueGroups} queue group(s)",
                conversations, rooms, queueGroups);
        }

        var confirmed = Interlocked.Exchange(ref _letGo[3], 0);
        var unanswered = Interlocked.Exchange(ref _letGo[4], 0);
        if (confirmed + unanswered > 0)
        {
            // A member grain that lost an open conversation's record (told again by the conversation), or no answer.
            logger.LogWarning(
                "Push renewal: kept open conversations that members' grains no longer list: {Confirmed} confirmed by the conversation (its member told again), {Unanswered} unanswered (asked again next renewal)",
                confirmed, unanswered);
        }
    }

    /// <summary>
    /// The member's channels, in case a ConversationEnded, ChannelLeft or RemovedFromRoom was lost: a channel held
    /// here (joined before the grain was asked) that the grain's answer leaves out at two renewals in a row is let
    /// go. One miss is not enough: the event may still be on its way (a renewal that lands just after an end), and
    /// then the event's own leave does it. The let-go is queued behind the channel's sends, like the end's leave.
    /// </summary>
    private void LetGoOfUnlisted(string memberId, string[] listed, long asked)
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
            if (Array.IndexOf(missedBefore, channel) >= 0)
            {
                sends.Enqueue(channel, () => LetGoAsync(memberId, channel, asked));
            }
        }
    }

    /// <summary>
    /// The member's grain no longer lists the channel, and this node's latest join of it came before the grain was
    /// asked: the event that should have taken the member out was lost. Out of the group now. A join that lands
    /// meanwhile (a later stamp) keeps the channel (<see cref="SyncGroupAsync"/>).
    /// </summary>
    private async Task LetGoAsync(string memberId, string channel, long asked)
    {
        if (!local.Holds(memberId, channel) || await StillInConversation(memberId, channel))
        {
            return;
        }

        if (!local.RemoveChannel(memberId, channel, asked))
        {
            return;
        }

        Interlocked.Increment(ref _letGo[QueueGroups.IsQueueGroup(channel) ? 2 : channel.StartsWith(Channels.RoomPrefix, StringComparison.Ordinal) ? 1 : 0]);
        await SyncGroupAsync(memberId, channel);
    }

    /// <summary>
    /// For a conversation the conversation's grain has the last word: a member grain that lost its record (a
    /// best-effort write failed, then the grain was reloaded) would otherwise cut a participant off a live chat, and
    /// leave their listener capacity counted wrong. The grain tells the member's grain again when it is still open.
    /// Rooms and queue groups stay with the member's grain: a moderator's removal must hold. When the grain cannot
    /// answer, the channel is kept until the next renewal (a participant may always read their own conversation).
    /// </summary>
    private async Task<bool> StillInConversation(string memberId, string channel)
    {
        if (!channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            if (!await grains.Ref<IConversationGrain>(channel[Channels.ConversationPrefix.Length..]).Confirm(memberId))
            {
                return false;
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _letGo[4]);
            return true;
        }

        Interlocked.Increment(ref _letGo[3]);
        return true;
    }
}
