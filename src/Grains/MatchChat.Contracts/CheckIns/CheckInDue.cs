namespace MatchChat.Contracts.CheckIns;

/// <summary>
/// PROTOCOL.md event <c>CheckInDue({checkInId, fromHandle|null, note, dueAt})</c>. <see cref="FromHandle"/> is null for a
/// check-in the member scheduled for themself. A redelivery (after a crash) carries the same <see cref="CheckInId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.CheckInDue")]
public sealed record CheckInDue(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] string? FromHandle,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTime DueAt);
