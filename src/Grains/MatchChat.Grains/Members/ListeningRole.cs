using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Members;

namespace MatchChat.Grains.Members;

/// <summary>
/// [network] Listening well: the listener's guide (agreed once, before the first <c>Volunteer</c>), the weekly schedule
/// (kept in the profile and sent with the roster entry; <c>MatchingPolicy</c> applies it), and the parts of the
/// listener's own profile that only they see (stats, schedule, guide).
/// </summary>
internal sealed class ListeningRole(IMemberContext m, ListenerRole listener)
{
    private MemberState S => m.State;

    /// <summary>The listener's own profile with the fields only they see.</summary>
    public static ListenerProfile Complete(MemberState s, ListenerProfile profile, DateTime now) => profile with
    {
        Stats = GratitudeRole.Stats(s),
        Schedule = s.Listener?.Schedule,
        OffSchedule = s.Listener?.Schedule is { } schedule && !ScheduleRules.Covers(schedule, now),
        GuideAgreedAt = s.GuideAgreedAt,
    };

    public async Task<bool> ConfirmGuide(bool agreedNow)
    {
        if (agreedNow && S.GuideAgreedAt is null)
        {
            await m.Writes.Change(s => s.GuideAgreedAt = m.Now);
        }

        // Listeners from before the guide existed are not stopped; their page shows them the guide.
        return S.GuideAgreedAt is not null || S.Listener is not null;
    }

    public async Task<ListenerProfile> SetSchedule(WeeklySchedule? schedule)
    {
        if (S.Listener is null)
        {
            throw MatchChatException.Forbidden("Volunteer as a listener first.");
        }

        await m.Writes.Change(s => s.Listener!.Schedule = schedule);
        await listener.PushSnapshot();
        return listener.Profile()!;
    }
}
