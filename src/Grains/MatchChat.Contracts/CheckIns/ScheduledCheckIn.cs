namespace MatchChat.Contracts.CheckIns;

/// <summary>What <c>ScheduleCheckIn</c> answers.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ScheduledCheckIn")]
public sealed record ScheduledCheckIn(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] DateTime DueAt);
