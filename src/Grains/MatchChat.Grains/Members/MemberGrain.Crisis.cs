using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Crisis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Members;

/// <summary>[crisis] What the crisis screen asks of and tells a member.</summary>
public sealed partial class MemberGrain
{
    /// <summary>A member who leaves this soon after crisis resources went out may not have seen them.</summary>
    private static readonly TimeSpan CareSeenWithin = TimeSpan.FromMinutes(1);

    /// <summary>How long crisis resources that were not seen are shown again at the member's return.</summary>
    private static readonly TimeSpan CareKeptFor = TimeSpan.FromHours(24);

    /// <summary>The last crisis resources sent, and when (memory only: a restart forgets them).</summary>
    private (CrisisResources Resources, DateTime At)? _lastCare;

    /// <summary>Whether <see cref="_lastCare"/> may not have been seen: sent with no page open, or the last page closed
    /// within <see cref="CareSeenWithin"/> of it (an outside probe: a member who sent a crisis line and closed the page at
    /// once never got the resources, also not when they came back).</summary>
    private bool _careUnseen;

    /// <summary>The member's last page closed: resources sent just before may not have been read.</summary>
    private void CareMayBeUnseen()
    {
        if (_lastCare is { } care && Now - care.At < CareSeenWithin)
        {
            _careUnseen = true;
        }
    }

    /// <summary>The member is back: resources they may not have seen go to the node once more (once).</summary>
    private void RepeatUnseenCare(Contracts.Push.IChatObserver node)
    {
        if (_careUnseen && _lastCare is { } care && Now - care.At < CareKeptFor)
        {
            _ = node.CrisisResources(MemberId, care.Resources);
            _lastCare = null;
        }

        _careUnseen = false;
    }

    void IMemberContext.ShowCare(CrisisResources resources)
    {
        Notify(n => n.CrisisResources(MemberId, resources));
        if (resources.Level == CrisisLevels.Crisis)
        {
            _lastCare = (resources, Now);
            _careUnseen = !_presence.Connected;
        }
    }

    CrisisScreening? IMemberContext.Screening => ServiceProvider.GetService<CrisisScreening>() is { Enabled: true } screening ? screening : null;

    public Task<MemberLocale> GetLocale() => Task.FromResult(new MemberLocale(S.Region, S.Language));

    public async Task OnCrisisResources(CrisisResources resources)
    {
        if (!S.Exists)
        {
            return;
        }

        if (resources.Level == CrisisLevels.Concern)
        {
            var interval = TimeSpan.FromMinutes(ServiceProvider.GetRequiredService<IOptions<CrisisOptions>>().Value.ConcernIntervalMinutes);
            if (S.ConcernResourcesShownAt is { } shown && Now - shown < interval)
            {
                return;
            }

            // Best-effort: at worst a restart shows gentle resources once more.
            S.ConcernResourcesShownAt = Now;
            await _writes.TryWrite("after concern resources were shown");
        }

        // A silo of an older version sends no language: its message is the English one.
        var told = resources.Language is null ? resources with { Language = "en" } : resources;
        ((IMemberContext)this).ShowCare(told);
        if (resources.Level == CrisisLevels.Crisis && S.Request is { } open)
        {
            try
            {
                await ((IMemberContext)this).Queue(open.Topic).MarkUrgent(open.RequestId);
            }
            catch (Exception e)
            {
                logger.LogWarning("A request could not be made urgent ({ExceptionType})", e.GetType().Name);
            }
        }
    }

    public Task<WaitingNote?> GetWaitingNote(string alertId) => Task.FromResult(
        S is { Exists: true, Request: { Note: { } note } open } && CrisisScreenGrain.NoteAlertId(open.RequestId) == alertId
            ? new WaitingNote(open.RequestId, note, open.EnqueuedAt)
            : null);

    public Task OnPeerNeedsCare(PeerNeedsCare care)
    {
        if (S.Exists)
        {
            // In this member's own language where the guidance is translated (the resources stay the writer's).
            var language = CrisisWording.LanguageFor(S.Language);
            var told = care with { Guidance = CrisisWording.GuidanceFor(language), Language = language };
            Notify(n => n.PeerNeedsCare(MemberId, told));
        }

        return Task.CompletedTask;
    }
}
