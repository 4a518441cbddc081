using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Grains.Audit;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// Moderators' access to stored alerts (<see cref="ICrisisAlertsGrain"/>). The hub has checked the caller's role.
/// Context is read from the message store directly, not as a member of the channel, and only after the read is written
/// to the audit trail: if the audit cannot be written, the read is refused. An acknowledgement (with its optional note,
/// stored with the alert) is written to the audit trail too.
/// </summary>
[StatelessWorker]
public sealed class CrisisAlertsGrain(
    IAlertStore alerts,
    IMessageStore messages,
    IAuditLog audit,
    IOptions<CrisisOptions> options,
    TimeProvider time,
    ILogger<CrisisAlertsGrain> logger) : Grain, ICrisisAlertsGrain
{
    public const int ContextBefore = 20;

    public async Task<Alert[]> List(string? status, int limit)
    {
        try
        {
            return [.. await alerts.ListAsync(status, Math.Clamp(limit, 1, options.Value.MaxListedAlerts))];
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            throw Unavailable(e);
        }
    }

    public async Task<Alert> Acknowledge(string moderatorId, string moderatorHandle, string alertId, string? note)
    {
        AcknowledgeOutcome outcome;
        try
        {
            if ((await alerts.GetAsync(alertId))?.MemberId == moderatorId)
            {
                // A moderator in crisis is cared for by another (an outside probe: one acknowledged their own alert,
                // which took it off the other moderators' open list).
                throw MatchChatException.Forbidden("Another moderator must take an alert about you.");
            }

            outcome = await alerts.AcknowledgeAsync(alertId, moderatorId, moderatorHandle, note, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            throw Unavailable(e);
        }

        var acknowledged = outcome switch
        {
            { Alert: null } => throw MatchChatException.NotFound("There is no alert with that id. ListAlerts shows them."),
            { Changed: false, Alert: var a } => throw MatchChatException.Conflict($"That alert was already acknowledged by {a.AcknowledgedBy}."),
            { Alert: var a } => a,
        };

        try
        {
            // Who acknowledged which alert, when: the note stays with the alert and is never written to the audit or a log.
            await audit.WriteAsync([new AuditEntry(time.GetUtcNow().UtcDateTime, moderatorId, moderatorHandle, CrisisAuditActions.AlertAcknowledged, null, acknowledged.Channel)]);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            throw Unavailable(e);
        }

        // The other moderators' consoles (and this one's other tabs) take it off their open lists: two moderators reaching
        // out to one person, each unaware of the other, was an outside probe's finding. One-way; a lost push leaves the
        // console's 30-second re-read.
        _ = GrainFactory.Ref<IModeratorDeskGrain>(IModeratorDeskGrain.Key).PublishAlertUpdate(acknowledged);
        return acknowledged;
    }

    public async Task<Message[]> Context(string moderatorId, string moderatorHandle, string alertId)
    {
        StoredAlert? stored;
        try
        {
            stored = await alerts.GetAsync(alertId);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            throw Unavailable(e);
        }

        if (stored is null)
        {
            throw MatchChatException.NotFound("There is no alert with that id. ListAlerts shows them.");
        }

        var alert = stored.Alert;
        try
        {
            // What was read: the channel, or for a note (no channel) the alert itself.
            await audit.WriteAsync([new AuditEntry(time.GetUtcNow().UtcDateTime, moderatorId, moderatorHandle, CrisisAuditActions.AlertContextRead, null,
                alert.Channel ?? $"alert:{alert.AlertId}")]);
            if (alert is { Channel: null } or { Seq: null, Source: not CrisisSources.Note })
            {
                // A request note is not a stored message: it is read from the member while that request is open.
                return alert.Source == CrisisSources.Note ? await WaitingNote(stored) : [];
            }

            // A message and the ones before it; a note given with thanks (a channel, no seq): the conversation's last ones.
            var rows = await messages.ReadAsync(alert.Channel, afterSeq: null, beforeSeq: alert.Seq + 1, limit: ContextBefore + 1);
            return rows.Select(m => m.ToMessage()).ToArray();
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The note of the request the alert came from, while the member still waits with it (matched, cancelled, expired or
    /// deleted: gone, and so is this). One message-shaped entry: channel and client id empty, seq 0 (no stored message).
    /// </summary>
    private async Task<Message[]> WaitingNote(StoredAlert stored)
    {
        WaitingNote? waiting;
        try
        {
            waiting = await GrainFactory.GetGrain<IMemberGrain>(stored.MemberId).GetWaitingNote(stored.Alert.AlertId);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            logger.LogWarning("Crisis alerts: the member's waiting note could not be read ({ExceptionType})", e.GetType().Name);
            throw MatchChatException.Unavailable("The request note cannot be read just now. Please try again in a moment.");
        }

        if (waiting is null)
        {
            try
            {
                // Not a request's: a check-in's note, while that check-in is not yet due (shown at the alert's time).
                waiting = await GrainFactory.GetGrain<ICheckInGrain>(stored.MemberId).NoteFor(stored.Alert.AlertId);
                waiting = waiting is null ? null : waiting with { EnqueuedAt = stored.Alert.CreatedAt };
            }
            catch (Exception e) when (e is not MatchChatException)
            {
                logger.LogWarning("Crisis alerts: the member's check-in note could not be read ({ExceptionType})", e.GetType().Name);
            }
        }

        return waiting is null ? [] : [new Message("", 0, stored.Alert.Handle, waiting.Note, waiting.EnqueuedAt, "")];
    }

    private MatchChatException Unavailable(Exception e)
    {
        logger.LogWarning("Crisis alerts: storage did not answer ({ExceptionType})", e.GetType().Name);
        return MatchChatException.Unavailable("Alerts cannot be read just now. Please try again in a moment.");
    }
}
