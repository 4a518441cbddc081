namespace MatchChat.Grains.Members;

/// <summary>
/// The presence reminder: it only wakes this grain after a restart, so that a grace period (run by the deadline timer,
/// re-derived on activation) can end for a member nobody calls. An available listener holds it; a waiting seeker from
/// <see cref="Presence.ReminderFrom"/> on: at once when disconnected, else once the request has waited a few seconds,
/// so a seeker matched within them never costs the reminder table a row. A topic queue wakes the seekers it holds
/// when it is activated (<see cref="OnQueueActivated"/>), which covers a restart before their reminder existed.
/// </summary>
public sealed partial class MemberGrain
{
    private const string PresenceReminder = "presence";

    /// <summary>Whether the reminder exists: true, false, or null when unknown (an earlier activation may have left one).</summary>
    private bool? _reminderRegistered;

    /// <summary>The reminder as this activation registered it, so unregistering needs no lookup.</summary>
    private IGrainReminder? _reminder;

    /// <summary>When a connected seeker's request will have waited long enough for the reminder (the deadline timer wakes then).</summary>
    private DateTime? _reminderDue;

    private void InitPresenceReminder()
    {
        // An available listener registered it (and keeps it); a waiting seeker may or may not have one: settle it soon.
        _reminderRegistered = _listener.Available ? true : _seeker.Waiting ? null : false;
        if (_reminderRegistered is null)
        {
            _reminderDue = Now;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has started the grace periods; the deadline timer does the rest. The tick proves the reminder exists.
        _reminderRegistered = true;
        return WatchPresence();
    }

    /// <summary>A topic queue activated with a request of this member's: activation has started the grace period.</summary>
    public Task OnQueueActivated(string topic) => WatchPresence();

    /// <summary>Re-arms the deadlines and keeps the reminder while a grace period could need to run after a restart.</summary>
    public async Task WatchPresence()
    {
        var from = _presence.ReminderFrom(_listener.Available, S.Request?.EnqueuedAt);
        var wanted = from is { } at && at <= Now;
        _reminderDue = wanted ? null : from;
        ArmDeadline();
        if (wanted == _reminderRegistered)
        {
            return;
        }

        if (wanted)
        {
            _reminder = await this.RegisterOrUpdateReminder(PresenceReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        }
        else if ((_reminder ?? await this.GetReminder(PresenceReminder)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _reminder = null;
        }

        // Only once done: a call that failed is tried again by the next one.
        _reminderRegistered = wanted;
    }
}
