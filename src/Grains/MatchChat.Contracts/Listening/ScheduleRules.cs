using System.Collections.Concurrent;

namespace MatchChat.Contracts.Listening;

/// <summary>Pure rules of <see cref="WeeklySchedule"/>: its shape (for the hub's validation) and whether an instant falls inside it.</summary>
public static class ScheduleRules
{
    public const int MaxSlots = 28;
    private const int MinutesPerDay = 24 * 60;

    /// <summary>Zones found so far, by name.</summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

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

    /// <summary>Minutes since midnight of <c>HH:mm</c> (00:00 to 24:00), or null. Read by hand: matching calls this per listener.</summary>
    public static int? Minute(string? hhmm)
    {
        if (hhmm is not { Length: 5 } || hhmm[2] != ':' || !char.IsAsciiDigit(hhmm[0]) || !char.IsAsciiDigit(hhmm[1])
            || !char.IsAsciiDigit(hhmm[3]) || !char.IsAsciiDigit(hhmm[4]))
        {
            return null;
        }

        var hour = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
        var minute = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
        return (hour < 24 && minute < 60) || (hour == 24 && minute == 0) ? hour * 60 + minute : null;
    }

    /// <summary>Only zones that exist are kept (at most the few hundred the system knows), so unknown names sent by clients cannot grow it.</summary>
    private static TimeZoneInfo? Zone(string id)
    {
        if (Zones.TryGetValue(id, out var known))
        {
            return known;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return null;
        }

        Zones.TryAdd(id, zone);
        return zone;
    }
}
