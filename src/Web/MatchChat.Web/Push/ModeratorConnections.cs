using System.Collections.Concurrent;
using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Members;
using MatchChat.Web.Clients;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Push;

/// <summary>
/// This node's moderator connections: the SignalR group <see cref="Group"/>, which moderator events (<c>CrisisAlert</c>)
/// are sent to. A connection joins when it opens if its member is a moderator then, when a moderator-only method
/// succeeds on it, or when the member's <c>MemberUpdated</c> (sent on a grant) shows the role; it leaves when that shows
/// the role gone (a revoke), so an open console gains or loses alerts at once. While the node has any, it subscribes to
/// <see cref="IModeratorDeskGrain"/> and renews that on the push timer; each renewal also reads every tracked member's
/// role again and drops those who lost it (a missed <c>MemberUpdated</c>). Never logs who.
/// </summary>
public sealed class ModeratorConnections : BackgroundService
{
    public const string Group = "moderators";

    private readonly ConcurrentDictionary<string, string> _memberByConnection = new(StringComparer.Ordinal);
    private readonly IGrainFactory grains;
    private readonly ChatClients hub;
    private readonly PushBridge bridge;
    private readonly LocalConnections local;
    private readonly ModeratorPush reports;
    private readonly IOptions<PushOptions> options;
    private readonly ILogger<ModeratorConnections> logger;

    public ModeratorConnections(
        IGrainFactory grains, ChatClients hub, PushBridge bridge, LocalConnections local, ModeratorPush reports,
        IOptions<PushOptions> options, ILogger<ModeratorConnections> logger)
    {
        this.grains = grains;
        this.hub = hub;
        this.bridge = bridge;
        this.local = local;
        this.reports = reports;
        this.options = options;
        this.logger = logger;
        bridge.ModeratorRoleSeen += RoleSeen;
    }

    /// <summary>A local member's role as their latest <c>MemberUpdated</c> shows it. Nothing here waits: the group changes
    /// and the desk subscription run on their own (Orleans holds this node's other events while an observer call runs).</summary>
    private void RoleSeen(string memberId, bool moderator)
    {
        if (moderator)
        {
            foreach (var connectionId in local.ConnectionsOf(memberId))
            {
                _ = TrackAsync(memberId, connectionId);
                // Reports (ReportFiled) too; that push reads the role again before each event, so a revoke needs nothing.
                // Its entry is added before the first await, so a connection found closed just after is taken out again.
                _ = reports.TrackAsync(memberId, connectionId);
                if (Array.IndexOf(local.ConnectionsOf(memberId), connectionId) < 0)
                {
                    reports.Disconnect(connectionId);
                }
            }

            return;
        }

        foreach (var (connectionId, _) in _memberByConnection.Where(kv => kv.Value == memberId).ToList())
        {
            _ = UntrackAsync(connectionId);
        }
    }

    private async Task UntrackAsync(string connectionId)
    {
        _memberByConnection.TryRemove(connectionId, out _);
        try
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, Group);
        }
        catch (Exception e)
        {
            logger.LogWarning("Moderator desk: leaving the group failed ({ExceptionType})", e.GetType().Name);
        }
    }

    private IModeratorDeskGrain Desk => grains.Ref<IModeratorDeskGrain>(IModeratorDeskGrain.Key);

    public async Task ConnectAsync(string memberId, string connectionId)
    {
        if ((await grains.Ref<IMemberGrain>(memberId).GetStanding()) is { Moderator: true, Suspended: false })
        {
            await TrackAsync(memberId, connectionId);
        }
    }

    /// <summary>The connection's member is a moderator (the caller just checked).</summary>
    public async Task TrackAsync(string memberId, string connectionId)
    {
        if (!_memberByConnection.TryAdd(connectionId, memberId))
        {
            return;
        }

        if (Array.IndexOf(local.ConnectionsOf(memberId), connectionId) < 0)
        {
            // Closed meanwhile (a grant seen as it disconnected): an entry now would never be removed.
            _memberByConnection.TryRemove(connectionId, out _);
            return;
        }

        try
        {
            await hub.Groups.AddToGroupAsync(connectionId, Group);
        }
        catch (Exception e)
        {
            _memberByConnection.TryRemove(connectionId, out _);
            logger.LogWarning("Moderator desk: joining the group failed ({ExceptionType})", e.GetType().Name);
            return;
        }

        await SubscribeAsync();
    }

    public void Disconnect(string connectionId) => _memberByConnection.TryRemove(connectionId, out _);

    private async Task SubscribeAsync()
    {
        try
        {
            await Desk.Subscribe(bridge.NodeId, bridge.Observer);
        }
        catch (Exception e)
        {
            logger.LogWarning("Moderator desk: subscribing failed ({ExceptionType}); retrying at the next renewal", e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RenewSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (_memberByConnection.IsEmpty)
            {
                continue;
            }

            await DropRevokedAsync();
            await SubscribeAsync();
        }
    }

    private async Task DropRevokedAsync()
    {
        foreach (var member in _memberByConnection.GroupBy(kv => kv.Value, kv => kv.Key).ToList())
        {
            try
            {
                if ((await grains.Ref<IMemberGrain>(member.Key).GetStanding()) is { Moderator: true, Suspended: false })
                {
                    continue;
                }

                foreach (var connectionId in member)
                {
                    await UntrackAsync(connectionId);
                }
            }
            catch (Exception e)
            {
                logger.LogWarning("Moderator desk: a role check failed ({ExceptionType})", e.GetType().Name);
            }
        }
    }
}
