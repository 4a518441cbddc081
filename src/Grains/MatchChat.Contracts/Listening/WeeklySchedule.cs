namespace MatchChat.Contracts.Listening;

/// <summary>
/// A listener's weekly schedule (optional): outside every slot they are not offered requests, inside one their
/// <c>available</c> toggle decides. <see cref="TimeZone"/> is an IANA name (<c>Europe/London</c>). Checked by
/// <see cref="ScheduleRules"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.WeeklySchedule")]
public sealed record WeeklySchedule(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] ScheduleSlot[] Slots);
