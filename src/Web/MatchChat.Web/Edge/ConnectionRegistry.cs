using Microsoft.Extensions.Options;

namespace MatchChat.Web.Edge;

/// <summary>
/// Every open hub connection on this node, by member and client address: enforces
/// <see cref="EdgeOptions.MaxConnectionsPerMember"/> and <see cref="EdgeOptions.MaxConnectionsPerAddress"/>, and holds
/// each connection's abort so it can be closed from outside: <see cref="ConnectionGuard"/> closes it when its token
/// expires, and <see cref="CloseMember"/> closes all of a member's (for a suspended or deleted member). Never logged.
/// </summary>
public sealed class ConnectionRegistry(IOptions<EdgeOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly HashSet<string> _spared = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Registers the connection, or answers the <c>code: sentence</c> it is refused with.</summary>
    public string? TryOpen(string connectionId, string? memberId, string address, Action<string> abort)
    {
        var caps = options.Value;
        lock (_lock)
        {
            if (memberId is not null && caps.MaxConnectionsPerMember > 0 && _perMember.GetValueOrDefault(memberId) >= caps.MaxConnectionsPerMember)
            {
                return $"rate_limited: You already have {caps.MaxConnectionsPerMember} connections open, the most one member may have. Close another tab or app, then connect again.";
            }

            if (caps.MaxConnectionsPerAddress > 0 && _perAddress.GetValueOrDefault(address) >= caps.MaxConnectionsPerAddress)
            {
                return "rate_limited: Too many connections are open from your network. Close some, or wait a minute, then connect again.";
            }

            _connections[connectionId] = new Entry(memberId, address, abort);
            if (memberId is not null)
            {
                _perMember[memberId] = _perMember.GetValueOrDefault(memberId) + 1;
            }

            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
            return null;
        }
    }

    public void Close(string connectionId)
    {
        lock (_lock)
        {
            _spared.Remove(connectionId);
            if (!_connections.Remove(connectionId, out var entry))
            {
                return;
            }

            if (entry.MemberId is not null)
            {
                Decrement(_perMember, entry.MemberId);
            }

            Decrement(_perAddress, entry.Address);
        }
    }

    /// <summary>
    /// Keeps <see cref="CloseMember"/> off this connection until <see cref="Unspare"/>: a call whose answer must reach the
    /// caller before its own connection goes (the member's <c>DeleteMe</c>) closes it itself afterwards.
    /// </summary>
    public void Spare(string connectionId)
    {
        lock (_lock)
        {
            _spared.Add(connectionId);
        }
    }

    public void Unspare(string connectionId)
    {
        lock (_lock)
        {
            _spared.Remove(connectionId);
        }
    }

    /// <summary>Aborts every connection of the member on this node (but a spared one); how many there were.</summary>
    public int CloseMember(string memberId, string reason)
    {
        Entry[] entries;
        lock (_lock)
        {
            entries = [.. _connections.Where(c => c.Value.MemberId == memberId && !_spared.Contains(c.Key)).Select(c => c.Value)];
        }

        foreach (var entry in entries)
        {
            entry.Abort(reason);
        }

        return entries.Length;
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        var left = counts.GetValueOrDefault(key) - 1;
        if (left <= 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = left;
        }
    }

    private sealed record Entry(string? MemberId, string Address, Action<string> Abort);
}
