using System.Collections.Concurrent;
using MatchChat.Contracts;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Reports;
using MatchChat.Web.Clients;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Push;

/// <summary>
/// Moderator events on this node. The node keeps which of its connections belong to moderators (checked when a
/// connection opens, and again whenever a moderator-only method succeeds on it, so a role granted later counts) and,
/// while it has any, subscribes to <see cref="IModeratorsGrain"/> and renews that like channel subscriptions. Before an
/// event is forwarded, each member's role is read again: a revoked moderator gets nothing more. Never logged who.
/// </summary>
public sealed class ModeratorPush(IGrainFactory grains, ChatClients hub, IOptions<PushOptions> options, ILogger<ModeratorPush> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _memberByConnection = new(StringComparer.Ordinal);
    private ModeratorObserver? _observer;
    private IModeratorObserver? _reference;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    private IModeratorsGrain Desk => grains.Ref<IModeratorsGrain>(SingletonKeys.Moderators);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Orleans holds the observer weakly: this field keeps it alive.
        _observer = new ModeratorObserver(this);
        _reference = grains.CreateObjectReference<IModeratorObserver>(_observer);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IModeratorObserver>(_reference);
        }
    }

    /// <summary>A connection opened: track it if its member is a moderator now.</summary>
    public async Task ConnectAsync(string memberId, string connectionId)
    {
        if ((await grains.Ref<IMemberGrain>(memberId).GetStanding()) is { Moderator: true, Suspended: false })
        {
            await TrackAsync(memberId, connectionId);
        }
    }

    /// <summary>The connection belongs to a moderator (just checked by the caller).</summary>
    public async Task TrackAsync(string memberId, string connectionId)
    {
        if (_memberByConnection.TryAdd(connectionId, memberId))
        {
            await SubscribeAsync();
        }
    }

    public void Disconnect(string connectionId) => _memberByConnection.TryRemove(connectionId, out _);

    /// <summary>From the observer: not awaited there, so Orleans' one-call-at-a-time observer is never held up.</summary>
    internal void Forward(Report report) => _ = ForwardAsync(report);

    private async Task ForwardAsync(Report report)
    {
        try
        {
            foreach (var member in _memberByConnection.GroupBy(kv => kv.Value, kv => kv.Key))
            {
                var standing = await grains.Ref<IMemberGrain>(member.Key).GetStanding();
                if (standing is { Moderator: true, Suspended: false })
                {
                    // A moderator reported themselves (as a listener, say) is not told who reported them.
                    if (standing.Handle != report.ReportedHandle)
                    {
                        await hub.Clients.Clients(member.ToArray()).ReportFiled(report);
                    }
                }
                else
                {
                    foreach (var connectionId in member)
                    {
                        _memberByConnection.TryRemove(connectionId, out _);
                    }
                }
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Moderator push failed ({ExceptionType})", e.GetType().Name);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await Desk.Subscribe(NodeId, _reference ?? throw new InvalidOperationException("The moderator push has not started."));
        }
        catch (Exception e)
        {
            logger.LogWarning("Moderator push: subscribing failed ({ExceptionType}); retrying at the next renewal", e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RenewSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!_memberByConnection.IsEmpty)
            {
                await SubscribeAsync();
            }
        }
    }

    private sealed class ModeratorObserver(ModeratorPush push) : IModeratorObserver
    {
        public Task ReportFiled(Report report)
        {
            push.Forward(report);
            return Task.CompletedTask;
        }
    }
}
