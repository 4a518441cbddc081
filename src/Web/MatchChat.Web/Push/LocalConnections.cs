using System.Diagnostics;

namespace MatchChat.Web.Push;

/// <summary>
/// This node's view: which members have connections here, and which channels those members are in.
/// Drives SignalR group membership and which grains this node subscribes to. Never logged.
/// </summary>
public sealed class LocalConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByMember = new(StringComparer.Ordinal);
    /// <summary>Per member: their channels on this node → the join stamp (<see cref="JoinStamp"/>) of their latest join.</summary>
    private readonly Dictionary<string, Dictionary<string, long>> _channelsByMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channelMembers = new(StringComparer.Ordinal);
    private long _joins;

    /// <summary>Conversation channels that ended on this node lately → when (a join arriving after the end is refused).</summary>
    private readonly Dictionary<string, long> _ended = new(StringComparer.Ordinal);

    /// <summary>How long an ended conversation is remembered: far longer than a join can lag behind the end.</summary>
    public static readonly TimeSpan EndedKeptFor = TimeSpan.FromSeconds(60);

    /// <summary>True when this is the member's first connection on this node.</summary>
    public bool AddConnection(string memberId, string connectionId)
    {
        lock (_lock)
        {
            if (!_connectionsByMember.TryGetValue(memberId, out var set))
            {
                _connectionsByMember[memberId] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(connectionId);
            return set.Count == 1;
        }
    }

    /// <summary>True when that was the member's last connection here; the member's channels are forgotten then.</summary>
    public bool RemoveConnection(string memberId, string connectionId)
    {
        lock (_lock)
        {
            if (!_connectionsByMember.TryGetValue(memberId, out var set) || !set.Remove(connectionId) || set.Count > 0)
            {
                return false;
            }

            _connectionsByMember.Remove(memberId);
            if (_channelsByMember.Remove(memberId, out var channels))
            {
                foreach (var channel in channels.Keys)
                {
                    Release(channel);
                }
            }

            return true;
        }
    }

    public string[] ConnectionsOf(string memberId)
    {
        lock (_lock)
        {
            return _connectionsByMember.TryGetValue(memberId, out var set) ? [.. set] : [];
        }
    }

    /// <summary>
    /// Records that a local member is in a channel; true when the channel is new on this node. A conversation that
    /// ended here lately is not added again (a reconnect's channel list, or an accept's join, read before the end).
    /// </summary>
    public bool AddChannel(string memberId, string channel)
    {
        lock (_lock)
        {
            if (!_connectionsByMember.ContainsKey(memberId) || _ended.ContainsKey(channel))
            {
                return false;
            }

            if (!_channelsByMember.TryGetValue(memberId, out var joined))
            {
                _channelsByMember[memberId] = joined = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            var isNew = !joined.ContainsKey(channel);
            joined[channel] = ++_joins;
            if (!isNew)
            {
                return false;
            }

            _channelMembers[channel] = _channelMembers.GetValueOrDefault(channel) + 1;
            return _channelMembers[channel] == 1;
        }
    }

    /// <summary>A conversation ended: from now on no member is added to its channel on this node (see <see cref="EndedKeptFor"/>).</summary>
    public void MarkEnded(string channel)
    {
        lock (_lock)
        {
            _ended[channel] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>True when the channel is a conversation that ended here lately.</summary>
    public bool HasEnded(string channel)
    {
        lock (_lock)
        {
            return _ended.ContainsKey(channel);
        }
    }

    /// <summary>Forgets ended conversations older than <see cref="EndedKeptFor"/> (on each renewal).</summary>
    public void PruneEnded()
    {
        lock (_lock)
        {
            foreach (var (channel, at) in _ended)
            {
                if (Stopwatch.GetElapsedTime(at) >= EndedKeptFor)
                {
                    _ended.Remove(channel);
                }
            }
        }
    }

    public void RemoveChannel(string memberId, string channel) => RemoveChannel(memberId, channel, long.MaxValue);

    /// <summary>
    /// The latest join's stamp. Read before asking a member's grain for their channels: a channel joined here after
    /// that has a later stamp, so an answer that does not list it is not a reason to let it go.
    /// </summary>
    public long JoinStamp
    {
        get
        {
            lock (_lock)
            {
                return _joins;
            }
        }
    }

    /// <summary>The member's channels here that were joined at or before <paramref name="stamp"/> and that <paramref name="listed"/> (their grain's answer) leaves out.</summary>
    public string[] NotListed(string memberId, string[] listed, long stamp)
    {
        lock (_lock)
        {
            if (!_channelsByMember.TryGetValue(memberId, out var joined))
            {
                return [];
            }

            return [.. joined.Where(j => j.Value <= stamp && Array.IndexOf(listed, j.Key) < 0).Select(j => j.Key)];
        }
    }

    /// <summary>Forgets the member's channel if their latest join of it was at or before <paramref name="stamp"/>; true when it did.</summary>
    public bool RemoveChannel(string memberId, string channel, long stamp)
    {
        lock (_lock)
        {
            if (!_channelsByMember.TryGetValue(memberId, out var joined) || !joined.TryGetValue(channel, out var at) || at > stamp)
            {
                return false;
            }

            joined.Remove(channel);
            Release(channel);
            return true;
        }
    }

    /// <summary>True when this node has the member in the channel.</summary>
    public bool Holds(string memberId, string channel)
    {
        lock (_lock)
        {
            return _channelsByMember.TryGetValue(memberId, out var joined) && joined.ContainsKey(channel);
        }
    }

    public string[] Members()
    {
        lock (_lock)
        {
            return [.. _connectionsByMember.Keys];
        }
    }

    public string[] Channels()
    {
        lock (_lock)
        {
            return [.. _channelMembers.Keys];
        }
    }

    private void Release(string channel)
    {
        var left = _channelMembers.GetValueOrDefault(channel) - 1;
        if (left <= 0)
        {
            _channelMembers.Remove(channel);
        }
        else
        {
            _channelMembers[channel] = left;
        }
    }
}
