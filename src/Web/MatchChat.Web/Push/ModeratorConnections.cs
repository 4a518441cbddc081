using System.Collections.Concurrent;
using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Members;
using MatchChat.Web.Clients;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Push;

/// <summary>
/// This node's moderator connections: the SignalR group <see cref="Group"/>, which moderator events (<c>CrisisAlert</c>)
/// are sent to. A connection joins when it opens if its member is a moderator then, or when a moderator-only method
/// succeeds on it (a role granted later). While the node has any, it subscribes to <see cref="IModeratorDeskGrain"/> and
/// renews that on the push timer; each renewal reads every tracked member's role again and drops those who lost it, so
/// a revoked moderator stops getting alerts within one renewal. Never logs who.
/// </summary>
public sealed class ModeratorConnections(
    IGrainFactory grains, ChatClients hub, PushBridge bridge, IOptions<PushOptions> options, ILogger<ModeratorConnections> logger) : BackgroundService
{
    public const string Group = "moderators";

    private readonly ConcurrentDictionary<string, string> _memberByConnection = new(StringComparer.Ordinal);

    private IModeratorDeskGrain Desk => grains.Ref<IModeratorDeskGrain>(IModeratorDeskGrain.Key);

    public async Task ConnectAsync(string memberId, string connectionId)
    {
        if ((await grains.Ref<IMemberGrain>(memberId).GetStanding()).Moderator)
        {
            await TrackAsync(memberId, connectionId);
        }
    }

    /// <summary>The connection's member is a moderator (the caller just checked).</summary>
    public async Task TrackAsync(string memberId, string connectionId)
    {
        if (_memberByConnection.TryAdd(connectionId, memberId))
        {
            await hub.Groups.AddToGroupAsync(connectionId, Group);
            await SubscribeAsync();
        }
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
                if ((await grains.Ref<IMemberGrain>(member.Key).GetStanding()).Moderator)
                {
                    continue;
                }

                foreach (var connectionId in member)
                {
                    _memberByConnection.TryRemove(connectionId, out _);
                    await hub.Groups.RemoveFromGroupAsync(connectionId, Group);
                }
            }
            catch (Exception e)
            {
                logger.LogWarning("Moderator desk: a role check failed ({ExceptionType})", e.GetType().Name);
            }
        }
    }
}
