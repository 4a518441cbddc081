using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Hubs;

/// <summary>
/// [network] Listening well: the listener's guide that a first <c>Volunteer</c> needs (<c>agreedToGuide: true</c>), and
/// the weekly schedule (<c>Volunteer</c>'s <c>schedule</c>, or <c>SetSchedule</c>; null removes it).
/// </summary>
public sealed partial class ChatHub
{
    public Task<ListenerProfile> SetSchedule(WeeklySchedule? schedule) => Me.SetSchedule(ListeningRules.Schedule(schedule));

    /// <summary>Before <c>Volunteer</c> changes anything: the schedule is sound, and the guide is agreed (now or before).</summary>
    private async Task<WeeklySchedule?> BeforeVolunteer(VolunteerArgs profile)
    {
        var schedule = ListeningRules.Schedule(profile.Schedule);
        // The agreement's time is recorded when given; the page asks for it before a first Volunteer. The hub does not
        // refuse without it: the contract's Volunteer({topics, experiences, maxConcurrentChats, acceptsTeens?}) binds
        // every client, and a client that knows nothing of the guide must still be able to volunteer.
        await Me.ConfirmGuide(profile.AgreedToGuide == true);
        return schedule;
    }

    /// <summary>A schedule sent with <c>Volunteer</c> replaces the one kept; none sent keeps it.</summary>
    private async Task<ListenerProfile> AfterVolunteer(WeeklySchedule? schedule, ListenerProfile saved) =>
        schedule is null ? saved : await Me.SetSchedule(schedule);
}
