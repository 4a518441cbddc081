namespace MatchChat.Grains.CheckIns;

/// <summary>A check-in a member scheduled: for themself (<see cref="ForId"/> null) or for a contact.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ScheduledEntry")]
public sealed record ScheduledEntry(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] string? ForId,
    [property: Id(2)] string? ForHandle,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTime DueAt);
