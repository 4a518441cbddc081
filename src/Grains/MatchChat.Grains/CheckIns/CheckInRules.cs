using MatchChat.Contracts.CheckIns;

namespace MatchChat.Grains.CheckIns;

/// <summary>Check-in timing and bounds as pure functions (no clock of their own, no I/O).</summary>
public static class CheckInRules
{
    public const int MaxKeptDue = 100;
    public const int MaxKeptDelivered = 50;
    public const int MaxKeptReceivers = 200;
    public static readonly TimeSpan KeepDue = TimeSpan.FromDays(CheckInStatuses.DeliveredKeptDays);

    /// <summary>
    /// The longest a grain timer is armed for; a later due time is reached by re-arming. Grain timers, unlike reminders, are
    /// precise to well under a second, so this is how a check-in lands on its minute while its inbox is active.
    /// </summary>
    public static readonly TimeSpan MaxTimerStep = TimeSpan.FromHours(1);

    /// <summary>Waiting check-ins that are due at <paramref name="now"/>, earliest first.</summary>
    public static List<PendingCheckIn> Due(IEnumerable<PendingCheckIn> pending, DateTime now) =>
        [.. pending.Where(p => p.DueAt <= now).OrderBy(p => p.DueAt).ThenBy(p => p.CheckInId, StringComparer.Ordinal)];

    /// <summary>The earliest due time still ahead of <paramref name="now"/>, or null.</summary>
    public static DateTime? NextDue(IEnumerable<PendingCheckIn> pending, DateTime now) =>
        pending.Where(p => p.DueAt > now).Select(p => (DateTime?)p.DueAt).Min();

    /// <summary>How long to arm the grain timer for <paramref name="due"/>.</summary>
    public static TimeSpan TimerDelay(DateTime due, DateTime now)
    {
        var delay = due - now;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerStep ? MaxTimerStep : delay;
    }

    /// <summary>Delivered entries worth keeping: the newest <see cref="MaxKeptDelivered"/> of the last days.</summary>
    public static List<DeliveredEntry> TrimDelivered(IEnumerable<DeliveredEntry> delivered, DateTime now) =>
        [.. delivered.Where(d => now - d.DeliveredAt < KeepDue).OrderByDescending(d => d.DeliveredAt).Take(MaxKeptDelivered)];

    /// <summary>Scheduled entries worth keeping: every one not yet due, and the newest due ones of the last days.</summary>
    public static List<ScheduledEntry> TrimScheduled(IEnumerable<ScheduledEntry> scheduled, DateTime now)
    {
        var all = scheduled.ToList();
        var due = all.Where(s => s.DueAt <= now && now - s.DueAt < KeepDue).OrderByDescending(s => s.DueAt).Take(MaxKeptDue);
        return [.. all.Where(s => s.DueAt > now).Concat(due)];
    }

    /// <summary><paramref name="sentTo"/> with <paramref name="forId"/> at <paramref name="dueAt"/>, the latest
    /// <see cref="MaxKeptReceivers"/> kept.</summary>
    public static Dictionary<string, DateTime> NoteReceiver(Dictionary<string, DateTime> sentTo, string forId, DateTime dueAt)
    {
        sentTo[forId] = sentTo.TryGetValue(forId, out var was) && was > dueAt ? was : dueAt;
        return sentTo.Count <= MaxKeptReceivers
            ? sentTo
            : sentTo.OrderByDescending(e => e.Value).Take(MaxKeptReceivers).ToDictionary(StringComparer.Ordinal);
    }
}
