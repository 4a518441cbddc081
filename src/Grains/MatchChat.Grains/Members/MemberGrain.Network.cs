using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;
using MatchChat.Contracts.Push;

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

    public Task<CheckInDelivery> DeliverCheckIn(string? fromId, CheckInDue due)
    {
        if (!S.Exists || (fromId is not null && S.Blocked.Contains(fromId)))
        {
            return Task.FromResult(CheckInDelivery.Refused);
        }

        if (!_presence.Connected)
        {
            return Task.FromResult(CheckInDelivery.Offline);
        }

        Notify(n => n.CheckInDue(MemberId, due));
        return Task.FromResult(CheckInDelivery.Delivered);
    }

    /// <summary>A web node newly holds this member's connections: due check-ins go out now (one-way: the inbox calls back here).</summary>
    /// <summary>What a node new to this member needs besides the offers and the ticket: thanks and warnings kept while offline, check-ins due.</summary>
    private async Task CatchUpNode(IChatObserver node)
    {
        await Gratitude.Deliver(node);
        await DeliverWarnings(node);
        WakeCheckIns();
    }

    private void WakeCheckIns() => _ = GrainFactory.Ref<ICheckInInboxGrain>(MemberId).MemberConnected();
}
