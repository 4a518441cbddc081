using MatchChat.Contracts.CheckIns;

namespace MatchChat.Grains.CheckIns;

/// <summary>
/// Check-ins waiting for one member (at most <c>ICheckInInboxGrain.MaxPending</c>) and those delivered in the last days
/// (at most <see cref="CheckInRules.MaxKeptDelivered"/>): they make a repeated Add harmless and let a page list what it may
/// have missed.
/// </summary>
[GenerateSerializer, Alias("MatchChat.CheckInInboxState")]
public sealed class CheckInInboxState
{
    [Id(0)] public List<PendingCheckIn> Pending { get; set; } = [];
    [Id(1)] public List<DeliveredEntry> Delivered { get; set; } = [];
}
