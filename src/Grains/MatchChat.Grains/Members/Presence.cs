using MatchChat.Contracts.Push;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Push;

namespace MatchChat.Grains.Members;

/// <summary>
/// Whether a member is connected, as a plain class driven by a <see cref="TimeProvider"/>: which web nodes hold
/// their connections (each renews, or expires), since when they have had none, and when a grace period runs out.
/// A new instance (a new activation) knows no connection: grace periods count from its creation, and nodes
/// re-attach on their next renewal.
/// </summary>
public sealed class Presence
{
    private readonly NodeSubscriptions _nodes;
    private readonly MatchChatTimings _timings;
    private readonly TimeProvider _time;
    private DateTime? _disconnectedSince;

    public Presence(MatchChatTimings timings, TimeProvider time)
    {
        _timings = timings;
        _time = time;
        _nodes = new NodeSubscriptions(timings.ObserverExpiry, time);
        _disconnectedSince = Now;
    }

    public bool Connected => _disconnectedSince is null;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>A node has (or still has) connections of this member; true when the node is new to this member.</summary>
    public bool Attach(string nodeId, IChatObserver node)
    {
        var added = _nodes.Renew(nodeId, node);
        _disconnectedSince = null;
        return added;
    }

    public void Detach(string nodeId)
    {
        _nodes.Remove(nodeId);
        if (_nodes.IsEmpty)
        {
            _disconnectedSince ??= Now;
        }
    }

    public void Notify(Func<IChatObserver, Task> send) => _nodes.Notify(send);

    /// <summary>When <see cref="Check"/> must next run: a node's expiry or a grace period's end; null when nothing is due.</summary>
    public DateTime? NextDeadline(bool listenerAvailable, bool waiting)
    {
        var next = _nodes.NextExpiry;
        if (_disconnectedSince is { } since)
        {
            if (listenerAvailable)
            {
                next = Min(next, since + _timings.ListenerGrace);
            }

            if (waiting)
            {
                next = Min(next, since + _timings.SeekerGrace);
            }
        }

        return next;
    }

    /// <summary>Drops nodes that stopped renewing, then says which grace periods have run out.</summary>
    public PresenceVerdict Check(bool listenerAvailable, bool waiting)
    {
        if (_nodes.Prune(out var lastRenewal) && _nodes.IsEmpty)
        {
            // A node that vanished without saying goodbye: the member was last seen at its last renewal.
            _disconnectedSince ??= lastRenewal;
        }

        if (_disconnectedSince is not { } since)
        {
            return default;
        }

        return new PresenceVerdict(
            listenerAvailable && since + _timings.ListenerGrace <= Now,
            waiting && since + _timings.SeekerGrace <= Now);
    }

    private static DateTime? Min(DateTime? a, DateTime b) => a is null || b < a ? b : a;
}
