namespace MatchChat.Web.Push;

/// <summary>
/// Whom each member connected to this node has blocked (member ids, server side only), and the reverse: which local
/// members blocked a given sender, so a room message is pushed to everyone in the group except their connections.
/// Learnt from the member grain on every attach and renewal, and on each change (<c>BlocksChanged</c>). Never logged.
/// </summary>
public sealed class LocalBlocks
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string[]> _blockedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _blockers = new(StringComparer.Ordinal);

    public void Set(string memberId, string[]? blockedIds)
    {
        lock (_lock)
        {
            RemoveLocked(memberId);
            if (blockedIds is not { Length: > 0 })
            {
                return;
            }

            _blockedBy[memberId] = blockedIds;
            foreach (var blocked in blockedIds)
            {
                if (!_blockers.TryGetValue(blocked, out var set))
                {
                    _blockers[blocked] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(memberId);
            }
        }
    }

    /// <summary>The member has no connection here any more.</summary>
    public void Forget(string memberId)
    {
        lock (_lock)
        {
            RemoveLocked(memberId);
        }
    }

    /// <summary>Local members who blocked <paramref name="senderId"/>; empty for almost every sender.</summary>
    public string[] MembersBlocking(string senderId)
    {
        lock (_lock)
        {
            return _blockers.TryGetValue(senderId, out var set) ? [.. set] : [];
        }
    }

    private void RemoveLocked(string memberId)
    {
        if (!_blockedBy.Remove(memberId, out var previous))
        {
            return;
        }

        foreach (var blocked in previous)
        {
            if (_blockers.TryGetValue(blocked, out var set) && set.Remove(memberId) && set.Count == 0)
            {
                _blockers.Remove(blocked);
            }
        }
    }
}
