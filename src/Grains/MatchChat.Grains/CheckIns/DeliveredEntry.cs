using MatchChat.Contracts.CheckIns;

namespace MatchChat.Grains.CheckIns;

/// <summary>A check-in handed to a web node of its receiver, and when.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.DeliveredEntry")]
public sealed record DeliveredEntry(
    [property: Id(0)] PendingCheckIn CheckIn,
    [property: Id(1)] DateTime DeliveredAt);
