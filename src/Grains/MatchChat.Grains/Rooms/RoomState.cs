namespace MatchChat.Grains.Rooms;

/// <summary>Joined members (id → handle). Bounded by the room's membership; messages live in the message store.</summary>
[GenerateSerializer, Alias("MatchChat.RoomState")]
public sealed class RoomState
{
    [Id(0)] public Dictionary<string, string> Members { get; set; } = new(StringComparer.Ordinal);
}
