using System.Diagnostics;
using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Telemetry;
using MatchChat.Language.Detection;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// Reads one acknowledged text (<see cref="ICrisisScreenGrain"/>): a stateless worker, so the detector's few
/// milliseconds never run in a channel's or a member's turn, and every silo screens its own share. On crisis: the writer
/// gets resources (and a waiting request becomes urgent, in the member grain), a conversation's peer gets guidance, an
/// alert is stored and published to moderators. On concern: the writer gets gentle resources (at most once an hour).
/// A failure is counted and logged by type only; the text was stored and delivered before this ran.
/// Reentrant (it holds no state) and up to four activations per silo: the model runs on the thread pool, so a text that
/// waits for it never holds up the phrase-screen readings of others.
/// </summary>
[StatelessWorker(4)]
[Reentrant]
public sealed class CrisisScreenGrain(
    CrisisScreening screening,
    ResourceCatalog catalog,
    IAlertStore alerts,
    TimeProvider time,
    ILogger<CrisisScreenGrain> logger) : Grain, ICrisisScreenGrain
{
    public async Task Screen(CrisisText text) => await Read(text, locale: null, tellWriter: true);

    public Task<CrisisResources?> ScreenAndWait(CrisisText text, MemberLocale? locale, bool tellWriter, bool resend = false) =>
        Read(text, locale, tellWriter, resend);

    public async Task UrgentRequestAccepted(string conversationId, string seekerId, string listenerId, string topic)
    {
        try
        {
            var locale = await GrainFactory.Ref<IMemberGrain>(seekerId).GetLocale();
            var resources = catalog.For(locale.Region, locale.Language, topic).ToArray();
            _ = GrainFactory.Ref<IMemberGrain>(listenerId).OnPeerNeedsCare(new PeerNeedsCare(conversationId, CrisisWording.PeerGuidance, resources));
        }
        catch (Exception e)
        {
            logger.LogWarning("The guidance for an urgent request's listener could not be sent ({ExceptionType})", e.GetType().Name);
        }
    }

    /// <summary>
    /// Reads the text and acts; the alert's store is awaited. Returns the resources for the writer (null: nothing to show).
    /// </summary>
    private async Task<CrisisResources?> Read(CrisisText text, MemberLocale? locale, bool tellWriter, bool resend = false)
    {
        if (!screening.Enabled)
        {
            return null;
        }

        CrisisAssessment assessment;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var source = text.Source == CrisisSources.Note ? CrisisTextSource.RequestNote : CrisisTextSource.Message;
            var screen = screening.Screen(text.Text, RoleOf(text.Role), source);
            var reading = CrisisScreening.FromScreen(screen);
            if (CrisisScreening.NeedsMore(screen))
            {
                // The writer's locale only for the few texts that need it: resources, and whether the model reads the language.
                locale ??= await GrainFactory.Ref<IMemberGrain>(text.MemberId).GetLocale();
                reading = await screening.CompleteAsync(screen, text.Text, locale.Language, source);
            }

            assessment = reading.Assessment;
            MatchChatMetrics.CrisisTextScreened(text.Source, reading.ModelSkipped ? "skipped" : assessment.UsedModel ? "yes" : "no", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            MatchChatMetrics.CrisisScreenFailed();
            logger.LogWarning("Crisis screen failed for one text ({ExceptionType})", e.GetType().Name);
            return null;
        }

        if (assessment.Level == CrisisLevel.None)
        {
            return null;
        }

        if (resend && assessment.Level == CrisisLevel.Crisis && await AlertStored(text))
        {
            // A resend of a message whose first reading was acted on: the writer, the peer and the moderators heard it
            // then (an outside probe got every crisis event again on each resend). Read again only for a lost alert.
            return null;
        }

        locale ??= await GrainFactory.Ref<IMemberGrain>(text.MemberId).GetLocale();
        var level = assessment.Level == CrisisLevel.Crisis ? CrisisLevels.Crisis : CrisisLevels.Concern;
        MatchChatMetrics.CrisisFlagged(level, ReasonKind(assessment.Reason));
        // Answered in the language the text is written in (else the member's): the message, and the resources' order.
        var written = CrisisDetector.WrittenIn(text.Text) ?? locale.Language;
        var resources = catalog.For(locale.Region, written, text.Topic).ToArray();
        var writer = GrainFactory.Ref<IMemberGrain>(text.MemberId);
        var language = CrisisWording.LanguageFor(written);
        var shown = new CrisisResources(level, resources, CrisisWording.For(level, language), language);
        if (tellWriter)
        {
            // One-way (the writer's grain may be in a turn that waits for the caller): sent, not awaited.
            _ = writer.OnCrisisResources(shown);
        }

        if (level == CrisisLevels.Concern)
        {
            return shown;
        }

        if (text is { PeerId: { } peerId, ConversationId: { } conversationId })
        {
            // The peer's grain puts the guidance in the peer's own language.
            _ = GrainFactory.Ref<IMemberGrain>(peerId).OnPeerNeedsCare(new PeerNeedsCare(conversationId, CrisisWording.PeerGuidance, resources));
        }

        var alert = new Alert(AlertIdOf(text), text.Handle, text.Channel, text.Seq, text.Source, level,
            time.GetUtcNow().UtcDateTime, AlertStatuses.Open, null);
        _ = GrainFactory.Ref<IModeratorDeskGrain>(IModeratorDeskGrain.Key).PublishAlert(alert);
        try
        {
            await alerts.AddAsync(new StoredAlert(alert, text.MemberId));
        }
        catch (Exception e)
        {
            // The connected moderators have it; it is missing from ListAlerts.
            MatchChatMetrics.CrisisScreenFailed();
            logger.LogError("A crisis alert could not be stored ({ExceptionType})", e.GetType().Name);
        }

        return shown;
    }

    private async Task<bool> AlertStored(CrisisText text)
    {
        try
        {
            return await alerts.GetAsync(AlertIdOf(text)) is not null;
        }
        catch (Exception e)
        {
            // Not known: acted on again, as before (a repeat is better than a lost alert).
            logger.LogWarning("Crisis alerts: a resend's alert could not be looked up ({ExceptionType})", e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// One id per text, so a text read twice (a resend after a crash, a fallback after a timeout) stores one alert: the
    /// stores keep the first of an id. Derived from the message's channel and seq, or the note's request.
    /// </summary>
    internal static string AlertIdOf(CrisisText text)
    {
        var key = text switch
        {
            { Channel: { } channel, Seq: { } seq } => $"message|{channel}|{seq}",
            { RequestId: { } requestId } => $"note|{requestId}",
            _ => null,
        };
        return key is null ? Ids.New() : AlertIdFor(key);
    }

    /// <summary>The alert id of a request's note (as <see cref="AlertIdOf"/> gives it), to find that note again.</summary>
    internal static string NoteAlertId(string requestId) => AlertIdFor($"note|{requestId}");

    private static string AlertIdFor(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32];

    internal static CrisisRole RoleOf(string role) => role switch
    {
        CrisisRoles.Listener => CrisisRole.Listener,
        CrisisRoles.Room => CrisisRole.RoomMember,
        _ => CrisisRole.Seeker,
    };

    /// <summary>A fixed label: SuicidalIdeation → suicidal_ideation.</summary>
    internal static string ReasonKind(CrisisReason reason) =>
        string.Concat(reason.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
