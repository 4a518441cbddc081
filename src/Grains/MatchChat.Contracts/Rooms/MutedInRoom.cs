namespace MatchChat.Contracts.Rooms;

/// <summary>
/// Addition to the contract (docs/PROTOCOL.md, "Mutes told"): a moderator muted (<see cref="Muted"/> true) or unmuted the
/// member in the room <see cref="Room"/>; <see cref="Until"/> is the mute's end, null for until a moderator lifts it. To the
/// member's own connections, so a page can say so and close the composer before they write (an outside browser probe:
/// they learnt it only from a refused send).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MutedInRoom")]
public sealed record MutedInRoom(
    [property: Id(0)] string Room,
    [property: Id(1)] string Channel,
    [property: Id(2)] bool Muted,
    [property: Id(3)] DateTime? Until);
