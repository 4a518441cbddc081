using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;
using MatchChat.Contracts.Push;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>[network] What the support network and the check-in inbox ask of a member, and preferHandle's request.</summary>
public sealed partial class MemberGrain
{
    public Task<QueueTicket> RequestListenerPreferring(string topic, string[] experiences, string? note, string preferredListenerId) =>
        Run(() => _seeker.RequestListener(topic, experiences, note, preferredListenerId));

    public async Task OnPeerBioChanged(string conversationId, string? bio)
    {
        var index = S.Exists ? S.Conversations.FindIndex(c => c.ConversationId == conversationId) : -1;
        if (index < 0 || S.Conversations[index] is not { EndedAt: null, Role: MemberRoles.Seeker } c || c.PeerBio == bio)
        {
            return;
        }

        S.Conversations[index] = c with { PeerBio = bio };
        await _writes.TryWrite("after a listener's bio changed");
        // The seeker's open pages take the record in again (a re-sent Matched of an open conversation is merged).
        var updated = S.Conversations[index];
        Notify(n => n.Matched(MemberId, updated));
    }

    public Task<ContactCard> ContactCard()
    {
        if (!S.Exists)
        {
            return Task.FromResult(Contracts.Network.ContactCard.Missing);
        }

        var listener = S.Listener;
        // Could take a chat now: available, not full, not suspended, and on their weekly schedule if they keep one
        // (an outside probe: an off-schedule contact showed as available and a preferHandle request never reached them).
        var canTake = listener is { Available: true } && _listener.ActiveChats < listener.MaxConcurrentChats && !Standing.Suspended
            && (listener.Schedule is not { } schedule || Contracts.Listening.ScheduleRules.Covers(schedule, Now));
        return Task.FromResult(new ContactCard(
            true,
            S.AgeGroup,
            listener?.Topics ?? [],
            canTake,
            listener is { AcceptsTeens: true, TeenApproved: true },
            [.. S.Blocked],
            Standing.Suspended,
            S.Handle));
    }

    /// <summary>Whether the next attach of any kind asks the inbox for due check-ins: set by an offline answer or a failed
    /// ask, and at activation (so a first attach whose catch-up failed before asking is followed by a renewal that asks).</summary>
    private bool _checkInsWaiting = true;

    public Task<CheckInDelivery> DeliverCheckIn(string? fromId, CheckInDue due)
    {
        if (!S.Exists || (fromId is not null && S.Blocked.Contains(fromId)))
        {
            return Task.FromResult(CheckInDelivery.Refused);
        }

        if (!_presence.Connected)
        {
            // The next attach of any kind pokes the inbox again, not only a node new to this activation.
            _checkInsWaiting = true;
            return Task.FromResult(CheckInDelivery.Offline);
        }

        Notify(n => n.CheckInDue(MemberId, due));
        return Task.FromResult(CheckInDelivery.Delivered);
    }

    /// <summary>What a node new to this member needs besides the offers and the ticket: check-ins due (first, so that a
    /// failure below cannot skip them), thanks and warnings kept while offline.</summary>
    private async Task CatchUpNode(IChatObserver node)
    {
        WakeCheckIns();
        await Gratitude.Deliver(node);
        await DeliverWarnings(node);
    }

    /// <summary>An attach by a node this activation knows already: a further connection there needs the offers and the
    /// ticket, and a check-in refused as offline since the last poke goes out now.</summary>
    private async Task ResendToConnection(IChatObserver node, bool connection)
    {
        if (connection)
        {
            _listener.ResendOffers(node);
            await _seeker.ResendTicket(node);
        }

        if (_checkInsWaiting)
        {
            WakeCheckIns();
        }
    }

    /// <summary>
    /// Due check-ins go out now: the inbox calls back <see cref="DeliverCheckIn"/>, so this is not awaited (the call
    /// would wait on itself). A poke that fails (the inbox could not be activated or answered late) has the next attach
    /// (a node's renewal, every few seconds) poke again; before, a connected member whose poke failed waited for a new
    /// connection.
    /// </summary>
    private void WakeCheckIns()
    {
        _checkInsWaiting = false;
        _ = Poke();

        async Task Poke()
        {
            try
            {
                await GrainFactory.Ref<ICheckInInboxGrain>(MemberId).MemberConnected();
            }
            catch (Exception e)
            {
                _checkInsWaiting = true;
                logger.LogWarning("Due check-ins could not be asked for ({ExceptionType}); the next attach asks again", e.GetType().Name);
            }
        }
    }
}
