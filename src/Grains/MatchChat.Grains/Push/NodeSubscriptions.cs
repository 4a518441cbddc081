using MatchChat.Contracts.Push;

namespace MatchChat.Grains.Push;

/// <summary>
/// The web nodes a grain pushes to, each with the time it last renewed. Entries not renewed within the expiry
/// are dropped, so a dead node costs nothing after that. Not persisted: nodes renew after a grain moves.
/// </summary>
public sealed class NodeSubscriptions(TimeSpan expiry, TimeProvider time)
{
    private readonly Dictionary<string, (IChatObserver Node, DateTime RenewedAt)> _nodes = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    public bool IsEmpty => _nodes.Count == 0;

    /// <summary>Adds or renews; true when the node is new.</summary>
    public bool Renew(string nodeId, IChatObserver node)
    {
        var added = !_nodes.ContainsKey(nodeId);
        _nodes[nodeId] = (node, time.GetUtcNow().UtcDateTime);
        return added;
    }

    public bool Remove(string nodeId) => _nodes.Remove(nodeId);

    /// <summary>Drops expired nodes; true when any was dropped.</summary>
    public bool Prune() => Prune(out _);

    /// <summary>Drops expired nodes; <paramref name="lastRenewal"/> is the latest renewal among those dropped.</summary>
    public bool Prune(out DateTime lastRenewal)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - expiry;
        var expired = _nodes.Where(kv => kv.Value.RenewedAt < cutoff).ToList();
        lastRenewal = expired.Count == 0 ? default : expired.Max(kv => kv.Value.RenewedAt);
        foreach (var (id, _) in expired)
        {
            _nodes.Remove(id);
        }

        return expired.Count > 0;
    }

    private bool AnyExpired()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - expiry;
        foreach (var (_, renewedAt) in _nodes.Values)
        {
            if (renewedAt < cutoff)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When the next entry expires, if any.</summary>
    public DateTime? NextExpiry => _nodes.Count == 0 ? null : _nodes.Values.Min(v => v.RenewedAt) + expiry;

    public void Notify(Func<IChatObserver, Task> send)
    {
        // Runs once per message: prune only when an entry has expired (no allocation on the hot path otherwise).
        if (AnyExpired())
        {
            Prune();
        }

        foreach (var (node, _) in _nodes.Values)
        {
            // One-way calls: they return at once; a failure to enqueue must not stop the others.
            try
            {
                _ = send(node);
            }
            catch (Exception)
            {
                // The node is gone; its entry expires.
            }
        }
    }
}
