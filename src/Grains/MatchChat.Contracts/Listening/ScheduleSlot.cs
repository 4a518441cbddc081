namespace MatchChat.Contracts.Listening;

/// <summary>One weekly slot: <see cref="Day"/> 0 (Sunday) to 6 (Saturday); <see cref="From"/> and <see cref="To"/> are
/// <c>HH:mm</c> in the schedule's time zone, <c>From</c> before <c>To</c> (<c>To</c> may be <c>24:00</c>).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ScheduleSlot")]
public sealed record ScheduleSlot(
    [property: Id(0)] int Day,
    [property: Id(1)] string From,
    [property: Id(2)] string To);
