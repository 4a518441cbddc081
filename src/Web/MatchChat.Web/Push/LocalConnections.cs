namespace MatchChat.Web.Push;

/// <summary>
/// This node's view: which members have connections here, and which channels those members are in.
/// Drives SignalR group membership and which grains this node subscribes to. Never logged.
/// </summary>
public sealed class LocalConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _channelsByMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channelMembers = new(StringComparer.Ordinal);

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
                foreach (var channel in channels)
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

    /// <summary>Records that a local member is in a channel; true when the channel is new on this node.</summary>
    public bool AddChannel(string memberId, string channel)
    {
        lock (_lock)
        {
            if (!_connectionsByMember.ContainsKey(memberId))
            {
                return false;
            }

            if (!_channelsByMember.TryGetValue(memberId, out var set))
            {
                _channelsByMember[memberId] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            if (!set.Add(channel))
            {
                return false;
            }

            _channelMembers[channel] = _channelMembers.GetValueOrDefault(channel) + 1;
            return _channelMembers[channel] == 1;
        }
    }

    public void RemoveChannel(string memberId, string channel)
    {
        lock (_lock)
        {
            if (_channelsByMember.TryGetValue(memberId, out var set) && set.Remove(channel))
            {
                Release(channel);
            }
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
