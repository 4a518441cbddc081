namespace MatchChat.Grains.Rooms;

/// <summary>
/// Joined members (id → handle) and when each was last present. Bounded: a member absent for longer than the
/// membership period is dropped (<see cref="RoomMembership"/>). Messages live in the message store.
/// </summary>
[GenerateSerializer, Alias("MatchChat.RoomState")]
public sealed class RoomState
{
    [Id(0)] public Dictionary<string, string> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Last presence per member (joined, or a new session began); members stored before it existed count from their next activation.</summary>
    [Id(1)] public Dictionary<string, DateTime> LastSeen { get; set; } = new(StringComparer.Ordinal);
}
