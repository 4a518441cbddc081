using System.Globalization;

namespace MatchChat.Contracts.Listening;

/// <summary>Pure rules of <see cref="WeeklySchedule"/>: its shape (for the hub's validation) and whether an instant falls inside it.</summary>
public static class ScheduleRules
{
    public const int MaxSlots = 28;
    private const int MinutesPerDay = 24 * 60;

    /// <summary>Null when the schedule is sound, else the sentence that says what to fix.</summary>
    public static string? Problem(WeeklySchedule schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule.TimeZone) || schedule.TimeZone.Length > 64 || Zone(schedule.TimeZone) is null)
        {
            return "schedule.timeZone must be an IANA time zone name such as Europe/London.";
        }

        if (schedule.Slots is null || schedule.Slots.Length is 0 or > MaxSlots)
        {
            return $"schedule.slots needs 1 to {MaxSlots} slots (send schedule: null to remove the schedule).";
        }

        foreach (var slot in schedule.Slots)
        {
            if (slot is null || slot.Day is < 0 or > 6)
            {
                return "Each slot needs day 0 (Sunday) to 6 (Saturday).";
            }

            if (Minute(slot.From) is not { } from || Minute(slot.To) is not { } to || from >= to || from == MinutesPerDay)
            {
                return "Each slot needs from and to as HH:mm (to may be 24:00), from before to. Split a slot past midnight in two.";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="utcNow"/> falls inside a slot (the schedule is assumed sound; an unknown zone counts as never).</summary>
    public static bool Covers(WeeklySchedule schedule, DateTime utcNow)
    {
        if (Zone(schedule.TimeZone) is not { } zone)
        {
            return false;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var day = (int)local.DayOfWeek;
        var minute = local.Hour * 60 + local.Minute;
        return schedule.Slots.Any(s => s.Day == day && Minute(s.From) <= minute && minute < Minute(s.To));
    }

    /// <summary>Minutes since midnight of <c>HH:mm</c> (00:00 to 24:00), or null.</summary>
    public static int? Minute(string? hhmm)
    {
        if (hhmm is "24:00")
        {
            return MinutesPerDay;
        }

        return hhmm is { Length: 5 } && TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.Hour * 60 + t.Minute
            : null;
    }

    private static TimeZoneInfo? Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
