namespace MatchChat.Grains.Rooms;

/// <summary>
/// Joined members (id → handle) and when each was last present. Bounded: a member absent for longer than the
/// membership period is dropped (<see cref="RoomMembership"/>); a mute or ban when it ends. Messages live in the message store.
/// </summary>
[GenerateSerializer, Alias("MatchChat.RoomState")]
public sealed class RoomState
{
    [Id(0)] public Dictionary<string, string> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Last presence per member (joined, or a new session began); members stored before it existed count from their next activation.</summary>
    [Id(1)] public Dictionary<string, DateTime> LastSeen { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Moderators' mutes: member id → until when (<see cref="DateTime.MaxValue"/>: until unmuted). Expired ones are dropped (<see cref="RoomModeration"/>).</summary>
    [Id(20)] public Dictionary<string, DateTime> MutedUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Moderators' bans, as <see cref="MutedUntil"/>. Mutes and bans together are at most <see cref="RoomModeration.MaxSanctions"/>.</summary>
    [Id(21)] public Dictionary<string, DateTime> BannedUntil { get; set; } = new(StringComparer.Ordinal);
}
