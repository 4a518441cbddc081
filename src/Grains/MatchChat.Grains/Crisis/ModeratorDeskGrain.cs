using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Push;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Push;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// One per cluster (key "all"): the web nodes that hold moderator connections, renewed by those nodes and forgotten
/// after the observer expiry (memory only: nodes renew after the grain moves). Moderator events fan out one-way
/// through <see cref="Notify"/>; the nodes forward them to their moderators' connections only.
/// </summary>
public sealed class ModeratorDeskGrain(IOptions<MatchChatTimings> timings, TimeProvider time) : Grain, IModeratorDeskGrain
{
    private readonly NodeSubscriptions _nodes = new(timings.Value.ObserverExpiry, time);

    public Task Subscribe(string nodeId, IChatObserver node)
    {
        _nodes.Renew(nodeId, node);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task PublishAlert(Alert alert) => Notify(n => n.CrisisAlert(alert));

    public Task PublishAlertUpdate(Alert alert) => Notify(n => n.AlertUpdated(alert));

    /// <summary>Any moderator event: one-way to every node with moderators.</summary>
    private Task Notify(Func<IChatObserver, Task> send)
    {
        _nodes.Notify(send);
        return Task.CompletedTask;
    }
}
