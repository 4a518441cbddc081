using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Members;

namespace MatchChat.Grains.Members;

/// <summary>[network] The member grain's gratitude and listening calls: one-line entries into <see cref="GratitudeRole"/> and <see cref="ListeningRole"/>.</summary>
public sealed partial class MemberGrain
{
    private GratitudeRole Gratitude => new(this);

    private ListeningRole Listening => new(this, _listener);

    public Task<bool> ConfirmGuide(bool agreedNow) => Run(() => Listening.ConfirmGuide(agreedNow));

    public Task<ListenerProfile> SetSchedule(WeeklySchedule? schedule) => Run(() => Told(Listening.SetSchedule(schedule)));

    /// <summary>
    /// A change the member made to their own listener profile (availability, profile, schedule) is told to all their open
    /// pages with <c>MemberUpdated</c>: another tab showed "You're available" after this one switched it off (an outside probe).
    /// </summary>
    private async Task<ListenerProfile> Told(Task<ListenerProfile> change)
    {
        var profile = await change;
        Notify(n => n.MemberUpdated(MemberId, Describe()));
        return profile;
    }

    public Task OnThanked(Thanked thanked, bool asListener, string fromId) =>
        S.Blocked.Contains(fromId) ? Task.CompletedTask : Gratitude.OnThanked(thanked, asListener, _presence.Connected);
}
