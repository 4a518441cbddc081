using MatchChat.Contracts.Reports;
using MatchChat.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Reports;

/// <summary>
/// The web nodes that hold moderator connections, each with when it last renewed (like a channel's subscriptions:
/// memory only, entries not renewed within the observer expiry are dropped). Events fan out one-way.
/// </summary>
public sealed class ModeratorsGrain(IOptions<MatchChatTimings> timings, TimeProvider time) : Grain, IModeratorsGrain
{
    private readonly Dictionary<string, (IModeratorObserver Node, DateTime RenewedAt)> _nodes = new(StringComparer.Ordinal);

    public Task Subscribe(string nodeId, IModeratorObserver node)
    {
        _nodes[nodeId] = (node, time.GetUtcNow().UtcDateTime);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task ReportFiled(Report report)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - timings.Value.ObserverExpiry;
        foreach (var (id, entry) in _nodes.ToArray())
        {
            if (entry.RenewedAt < cutoff)
            {
                _nodes.Remove(id);
                continue;
            }

            try
            {
                _ = entry.Node.ReportFiled(report);
            }
            catch (Exception)
            {
                // The node is gone; its entry expires.
            }
        }

        return Task.CompletedTask;
    }
}
