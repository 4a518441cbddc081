using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Contracts;
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
public sealed partial class PushBridge(
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
    /// <summary>Members whose first connection here has attached (a second one then renews first: <see cref="ConnectAsync"/>).</summary>
    private readonly ConcurrentDictionary<string, byte> _attachedHere = new(StringComparer.Ordinal);
    private ChatObserver? _observer;
    private IChatObserver? _reference;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Raised when a local member's <c>MemberUpdated</c> arrives, with whether they are a moderator now
    /// (<see cref="ModeratorConnections"/> and <see cref="ModeratorPush"/> listen: a role granted or revoked takes effect on
    /// open connections at once). Handlers must not block: Orleans delivers this node's events one at a time.
    /// </summary>
    public event Action<string, bool>? ModeratorRoleSeen;

    internal void OnModeratorRoleSeen(string memberId, bool moderator) => ModeratorRoleSeen?.Invoke(memberId, moderator);

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
        if (!local.AddConnection(memberId, connectionId) && _attachedHere.ContainsKey(memberId))
        {
            // Another of the member's tabs is here and attached already. If their grain forgot this node (its silo
            // went), a renewal's attach makes it send the open conversations again, so that tab learns of a match it
            // missed; a new connection alone would not (its own page lists its conversations). Best-effort: the next
            // renewal repeats it.
            try
            {
                await grains.Ref<IMemberGrain>(memberId).Attach(NodeId, Reference);
            }
            catch (Exception e) when (e is not MatchChatException)
            {
                logger.LogWarning("Push: re-attaching a member for a second connection failed ({ExceptionType}); the renewal repeats it", e.GetType().Name);
            }
        }

        var member = await grains.Ref<IMemberGrain>(memberId).AttachConnection(NodeId, Reference);
        _attachedHere[memberId] = 0;
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

            if (QueueGroups.IsQueueGroup(channel))
            {
                // A waiting seeker's page reloaded: it hears the topic's progress now, not at the next broadcast (a node
                // that already watches the topic is not sent the counts again by the queue).
                await _observer!.ReplayProgress(channel, connectionId);
            }
        }
    }

    public async Task DisconnectAsync(string memberId, string connectionId)
    {
        if (local.RemoveConnection(memberId, connectionId))
        {
            _attachedHere.TryRemove(memberId, out _);
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

    /// <summary>Room joins and leaves read back one at a time per member and room (striped: a few locks for every pair).</summary>
    private readonly SemaphoreSlim[] _roomLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// After the caller's join or leave of a room: reads whether the member is in it now and joins or leaves the channel
    /// here as that says, one read-and-apply at a time per member and room. A join in one tab and a leave in another at
    /// the same moment once left the node's group as the earlier change left it, and the member counted as joined with
    /// no live messages (an outside probe, 2 in 22 tries): the last of these runs reads the last change, whatever order
    /// the hub calls finish in (the member grain's own ChannelJoined/ChannelLeft events come in its order). A moderator's
    /// removal (its ChannelLeft) is not serialized with these: one landing between a read and its join is repaired by
    /// the renewal's let-go, within about 20 s.
    /// </summary>
    public async Task FollowRoomAsync(string memberId, string channel, bool changedTo, Func<Task<bool>> inRoom)
    {
        var gate = _roomLocks[(int)((uint)HashCode.Combine(memberId, channel) % (uint)_roomLocks.Length)];
        await gate.WaitAsync();
        try
        {
            bool joined;
            try
            {
                joined = await inRoom();
            }
            catch (Exception e) when (e is not MatchChatException)
            {
                // The change is made (an older silo without InRoom, a slow grain): the caller's own change stands here,
                // and the member grain's ChannelJoined/ChannelLeft and the renewal correct it if a later one won.
                logger.LogWarning("Push: reading a member's room after a join or leave failed ({ExceptionType})", e.GetType().Name);
                joined = changedTo;
            }

            if (joined)
            {
                await JoinChannelAsync(memberId, channel);
            }
            else
            {
                await LeaveChannelAsync(memberId, channel);
            }
        }
        finally
        {
            gate.Release();
        }
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

        foreach (var memberId in _unlisted.Keys.Concat(_attachedHere.Keys))
        {
            if (local.ConnectionsOf(memberId).Length == 0)
            {
                // Left behind by a member whose last connection went while their grain was being asked.
                _unlisted.TryRemove(memberId, out _);
                _attachedHere.TryRemove(memberId, out _);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
        var failures = 0;
        await Parallel.ForEachAsync(local.Members(), parallel, async (memberId, _) =>
        {
            try
            {
                if (local.ConnectionsOf(memberId).Length == 0)
                {
                    // Their last connection closed since the list was taken: its Detach is on its way; an Attach now
                    // would mark them present again until this node's registration expired (45 s).
                    return;
                }

                var asked = local.JoinStamp;
                var member = await grains.Ref<IMemberGrain>(memberId).Attach(NodeId, Reference);
                if (local.ConnectionsOf(memberId).Length > 0)
                {
                    // Renewal also refreshes the push filter, in case a BlocksChanged was lost.
                    blocks.Set(memberId, member.BlockedIds);
                }
                else
                {
                    // The last connection closed while the renewal was in flight, and its Detach may have arrived first.
                    await grains.Ref<IMemberGrain>(memberId).Detach(NodeId);
                }

                await LetGoOfUnlisted(memberId, member.Channels, asked);
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

        LogLetGo();
    }
}
