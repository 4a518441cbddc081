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
        Notify(n => n.CrisisResources(MemberId, told));
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
