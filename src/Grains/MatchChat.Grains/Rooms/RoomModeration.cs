using System.Globalization;
using MatchChat.Contracts.Errors;

namespace MatchChat.Grains.Rooms;

/// <summary>
/// The rules of mutes and bans in a room, as plain functions of its state and the time: a sanction holds while its
/// end lies in the future, so a time-limited one ends by itself, across restarts, with nothing to run at expiry.
/// </summary>
public static class RoomModeration
{
    /// <summary>Active mutes and bans a room keeps at most (its state is rewritten on every join and leave).</summary>
    public const int MaxSanctions = 1000;

    /// <summary>Until when a sanction of <paramref name="minutes"/> (null: until undone) made now lasts.</summary>
    public static DateTime Until(DateTime now, int? minutes) => minutes is { } m ? now.AddMinutes(m) : DateTime.MaxValue;

    public static bool IsMuted(RoomState state, string memberId, DateTime now) => Holds(state.MutedUntil, memberId, now);

    public static bool IsBanned(RoomState state, string memberId, DateTime now) => Holds(state.BannedUntil, memberId, now);

    /// <summary>Records a mute or ban (replacing one the member had); conflict when the room holds too many others.</summary>
    public static void Impose(RoomState state, Dictionary<string, DateTime> sanctions, string memberId, DateTime until, DateTime now)
    {
        Prune(state, now);
        if (!sanctions.ContainsKey(memberId) && state.MutedUntil.Count + state.BannedUntil.Count >= MaxSanctions)
        {
            throw MatchChatException.Conflict($"This room already has {MaxSanctions:N0} active mutes and bans. Lift some first.");
        }

        sanctions[memberId] = until;
    }

    /// <summary>Drops mutes and bans that have ended; true when any did.</summary>
    public static bool Prune(RoomState state, DateTime now)
    {
        var removed = state.MutedUntil.Where(e => e.Value <= now).Select(e => e.Key).ToList();
        removed.ForEach(id => state.MutedUntil.Remove(id));
        var unbanned = state.BannedUntil.Where(e => e.Value <= now).Select(e => e.Key).ToList();
        unbanned.ForEach(id => state.BannedUntil.Remove(id));
        return removed.Count + unbanned.Count > 0;
    }

    /// <summary>" until 2026-12-01 18:30 UTC", or "" for a sanction without an end.</summary>
    public static string Describe(DateTime until) =>
        until == DateTime.MaxValue ? "" : " until " + until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static bool Holds(Dictionary<string, DateTime> sanctions, string memberId, DateTime now) =>
        sanctions.TryGetValue(memberId, out var until) && until > now;
}
