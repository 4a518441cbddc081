namespace MatchChat.Grains.Rooms;

/// <summary>The membership rules of a room, as plain functions of its state and the time.</summary>
public static class RoomMembership
{
    /// <summary>Presence is stored at most this often per member, so a busy member costs a room few writes.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromHours(1);

    /// <summary>Members present within this window are woken when the room activates afresh; others resubscribe on renewal.</summary>
    public static readonly TimeSpan WakeWindow = TimeSpan.FromDays(1);

    /// <summary>Drops members absent longer than <paramref name="membership"/>; members without a presence record start counting now. True when anything changed.</summary>
    public static bool Prune(RoomState state, DateTime now, TimeSpan membership)
    {
        var changed = false;
        foreach (var id in state.Members.Keys.Where(id => !state.LastSeen.ContainsKey(id)).ToList())
        {
            state.LastSeen[id] = now;
            changed = true;
        }

        foreach (var (id, seen) in state.LastSeen.ToList())
        {
            if (!state.Members.ContainsKey(id) || seen + membership <= now)
            {
                state.Members.Remove(id);
                state.LastSeen.Remove(id);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Records presence; true when it is worth storing (first record, or the last is older than <see cref="SeenResolution"/>).</summary>
    public static bool Touch(RoomState state, string memberId, DateTime now)
    {
        var stale = !state.LastSeen.TryGetValue(memberId, out var last) || last + SeenResolution <= now;
        if (stale)
        {
            state.LastSeen[memberId] = now;
        }

        return stale;
    }

    /// <summary>Who to wake on a fresh activation: members present recently.</summary>
    public static IEnumerable<string> RecentlyPresent(RoomState state, DateTime now) =>
        state.Members.Keys.Where(id => state.LastSeen.TryGetValue(id, out var seen) && seen + WakeWindow > now);
}
