namespace MatchChat.Contracts.CheckIns;

/// <summary>
/// One row of <c>ListCheckIns()</c>: <see cref="Status"/> <c>scheduled</c> (the caller scheduled it and it is not due yet:
/// <see cref="ForHandle"/> is null when it is for the caller) or <c>delivered</c> (the caller received it in the last
/// <see cref="CheckInStatuses.DeliveredKeptDays"/> days; <see cref="FromHandle"/> null when they scheduled it themself).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.CheckIn")]
public sealed record CheckIn(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] DateTime DueAt,
    [property: Id(2)] string? Note,
    [property: Id(3)] string? ForHandle,
    [property: Id(4)] string? FromHandle,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTime? DeliveredAt);
