using MatchChat.Contracts.Matching;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>
/// The presence reminder: it only wakes this grain after a restart, so that a grace period (run by the deadline timer,
/// re-derived on activation) can end for a member nobody calls. Only an available listener holds it. A waiting seeker
/// needs none: the topic queue holding the request wakes the seeker's grain every few moments and when it is activated
/// itself (<see cref="OnQueueActivated"/>), so a seeker's request never costs the reminder table a row.
/// The deadline timer: when a node's registration expires or a grace period ends.
/// </summary>
public sealed partial class MemberGrain
{
    private const string PresenceReminder = "presence";

    /// <summary>Whether the reminder exists as far as this activation knows (an earlier one's is found by its tick).</summary>
    private bool _reminderRegistered;

    /// <summary>The reminder as this activation registered it, so unregistering needs no lookup.</summary>
    private IGrainReminder? _reminder;

    private IGrainTimer? _deadlineTimer;

    /// <summary>When this activation started: until a node attaches or would have renewed, "not connected" may only mean "not yet told".</summary>
    private DateTime _activatedAt;

    /// <summary>A web node attached to this activation (the member's going since then was seen here).</summary>
    private bool _attachedSinceActivation;

    public Task<bool?> IsOnline() => Task.FromResult<bool?>(
        _presence.Connected ? true
        : !S.Exists || _attachedSinceActivation ? false
        : Now - _activatedAt < _timings.ObserverExpiry ? null
        : false);
    private DateTime _deadlineAt;

    private void InitPresenceReminder() => _reminderRegistered = _listener.Available;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has started the grace periods; the deadline timer does the rest. The tick proves the reminder
        // exists (a seeker's from an older build is removed here).
        _reminderRegistered = true;
        return WatchPresence();
    }

    /// <summary>The topic queue holding this member's request activated or ticked: activation has started the grace period.</summary>
    public Task OnQueueActivated(string topic) => WatchPresence();

    /// <summary>Re-arms the deadlines and keeps the reminder while a listener is available.</summary>
    public async Task WatchPresence()
    {
        var wanted = _listener.Available;
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

    /// <summary>
    /// A new activation starts as not connected, so the member's going was never a change it saw: the grain that knew of
    /// their connection went with its silo (or a <c>Detach</c> was lost with it). With open conversations, one look once
    /// a web node would have renewed: still nobody attached, so the peers hear that they are away.
    /// </summary>
    private void WatchPeersAfterActivation()
    {
        if (!S.Conversations.Exists(c => c.EndedAt is null))
        {
            return;
        }

        this.RegisterGrainTimer(
            _ =>
            {
                if (!_presence.Connected && S.Exists)
                {
                    _chats.TellPeers(online: false);
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_timings.ObserverExpiry, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    private void ArmDeadline()
    {
        var next = _presence.NextDeadline(_listener.Available, _seeker.Waiting);
        if (next is { } later && _deadlineTimer is not null && _deadlineAt <= later)
        {
            // The armed timer fires first and OnDeadline arms the next one from then. Every renewal (each node, every
            // few seconds) moves a connected member's deadline, a node's expiry, later: re-registering a timer for each
            // was a timer's disposal and registration per renewal and per request, for nothing.
            return;
        }

        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        if (next is { } at)
        {
            var delay = at - Now;
            _deadlineAt = at;
            _deadlineTimer = this.RegisterGrainTimer(
                _ => OnDeadline(),
                new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task OnDeadline()
    {
        // One-shot: this tick is its last, so the deadline below is armed afresh.
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        var wasConnected = _presence.Connected;
        var verdict = _presence.Check(_listener.Available, _seeker.Waiting);
        if (wasConnected && !_presence.Connected)
        {
            _rooms.MarkAbsent();
            _chats.TellPeers(online: false);
        }

        if (verdict.ListenerGraceOver)
        {
            logger.LogInformation("Listener set unavailable: no connection for {Seconds}s", _timings.ListenerGraceSeconds);
            await _listener.GoUnavailable(OfferReasons.Unavailable);
        }

        if (verdict.SeekerGraceOver)
        {
            await _seeker.Expire();
        }

        await WatchPresence();
    }
}
