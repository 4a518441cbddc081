using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Listening;

namespace MatchChat.Web.Hubs;

/// <summary>[network] Input rules of gratitude and listening: a thank-you's rating and a weekly schedule.</summary>
public static class ListeningRules
{
    public static int Rating(int? rating) => rating is { } r && Ratings.IsValid(r)
        ? r
        : throw MatchChatException.Invalid($"rating must be a whole number from {Ratings.Min} to {Ratings.Max}.");

    /// <summary>A sound schedule with its time zone and times as given; null stays null.</summary>
    public static WeeklySchedule? Schedule(WeeklySchedule? schedule)
    {
        if (schedule is null)
        {
            return null;
        }

        if (ScheduleRules.Problem(schedule) is { } problem)
        {
            throw MatchChatException.Invalid(problem);
        }

        // Stored in a fixed order, one copy of each slot.
        return schedule with
        {
            TimeZone = schedule.TimeZone.Trim(),
            Slots = [.. schedule.Slots.Distinct().OrderBy(s => s.Day).ThenBy(s => ScheduleRules.Minute(s.From))],
        };
    }
}
