namespace MatchChat.Contracts.CheckIns;

/// <summary>
/// A check-in waiting in its receiver's inbox. <see cref="FromId"/>/<see cref="FromHandle"/> are null for one the member
/// scheduled for themself. Server-side only (it carries a member id).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.PendingCheckIn")]
public sealed record PendingCheckIn(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] string? FromId,
    [property: Id(2)] string? FromHandle,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTime DueAt);
