using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>
/// Teen safety (PROTOCOL.md "Trust and safety", Teens): an adult listener's <c>acceptsTeens</c> takes effect only once a
/// moderator approves it. Until then it is <c>pending</c> and the roster entry sent to topic queues says not approved, so
/// the matching policy never offers them a teen seeker. Revoking withdraws the teen offers on their screen at once.
/// </summary>
internal sealed class TeenApprovalRole(IMemberContext m, ListenerRole listener)
{
    private MemberState S => m.State;

    /// <summary>Whether an adult listener's wish to hear teens has taken effect (never true for a teen: they need none).</summary>
    public static bool Approved(MemberState s) =>
        s.AgeGroup == AgeGroups.Adult && s.Listener is { AcceptsTeens: true, TeenApproved: true };

    /// <summary>Whether this listener may take this offer now: an adult's or a teen's request, or a teen's for a teen or an
    /// approved adult. Asked again when an offer arrives and at the accept: an approval can end (revoked, or
    /// <c>acceptsTeens</c> unticked) while an offer is on its way or on screen (an outside probe accepted one so).</summary>
    public static bool MayTake(MemberState s, Offer offer) =>
        offer.SeekerAgeGroup != AgeGroups.Teen || s.AgeGroup == AgeGroups.Teen || Approved(s);

    /// <summary><see cref="ListenerProfile.TeenApproval"/>.</summary>
    public static string Describe(MemberState s) =>
        s.AgeGroup != AgeGroups.Adult || s.Listener is not { AcceptsTeens: true } ? TeenApprovals.None
        : s.Listener.TeenApproved ? TeenApprovals.Approved
        : TeenApprovals.Pending;

    /// <summary>On the moderators' list: an adult listener who offered to hear teens, is not approved yet, and is in good
    /// standing (a suspended or banned listener is not shown; the list learns of them again when the suspension is lifted
    /// or, for one that ended on the clock, at their grain's next activation).</summary>
    public static bool Waiting(MemberState s, DateTime now) =>
        Describe(s) == TeenApprovals.Pending && s.DeletedAt is null && !s.Banned && !(s.SuspendedUntil > now);

    /// <summary>Whether this member may be on the list now (their grain tells it after every change that could move them).</summary>
    public bool Listed => Waiting(S, m.Now);

    /// <summary>
    /// Keeps the moderators' list in step after a change (the list writes only when it changes). Never in the member's
    /// way: the call is bounded to a second, and a failure is logged by its type; the grain's next activation, or the next
    /// change, sets it again.
    /// </summary>
    public async Task TellList(bool wasListed)
    {
        var listed = Listed;
        if (!listed && !wasListed)
        {
            return;
        }

        var call = m.Grains.Ref<ITeenApprovalListGrain>(ITeenApprovalListGrain.Key).Set(m.MemberId, S.Handle!, listed, m.Now);
        if (!await BoundedCall.Within(call, TimeSpan.FromSeconds(1)))
        {
            m.Logger.LogWarning("The list of listeners waiting for teen approval was not updated within 1 s");
        }
    }

    public async Task<ListenerProfile> Approve()
    {
        if (S.Listener is null)
        {
            throw MatchChatException.Conflict("That member is not a listener: only a listener who offers to hear teens can be approved.");
        }

        if (S.AgeGroup != AgeGroups.Adult)
        {
            throw MatchChatException.Conflict("That listener is a teen: teen listeners hear teen seekers without approval.");
        }

        if (!S.Listener.AcceptsTeens)
        {
            throw MatchChatException.Conflict("That listener has not offered to hear teens. They can tick it in their profile first.");
        }

        if (S.Banned || S.SuspendedUntil > m.Now)
        {
            // Not on the list of those waiting, and not to be approved behind it (an outside probe approved a listener
            // banned for messages to a teen, and the approval held after the lift).
            throw MatchChatException.Conflict("That listener is suspended or banned. Lift it first; then decide on hearing teens.");
        }

        if (S.Listener.TeenApproved)
        {
            // Already approved: nothing changed, so their pages hear nothing (an outside probe saw a repeat MemberUpdated).
            await TellList(wasListed: true);
            return listener.Profile()!;
        }

        await m.Writes.Change(s => s.Listener!.TeenApproved = true);
        await listener.PushSnapshot();
        await TellList(wasListed: true);
        return Updated();
    }

    public async Task<ListenerProfile> Revoke()
    {
        if (S.Listener is null)
        {
            throw MatchChatException.Conflict("That member is not a listener.");
        }

        if (S.Listener.TeenApproved)
        {
            await m.Writes.Change(s => s.Listener!.TeenApproved = false);
        }

        // The queues learn first that this listener is no longer approved, so a teen request given back is not offered again.
        await listener.PushSnapshot();
        await WithdrawTeenOffers();
        var ended = await EndTeenConversations();
        // Revoked, they wait again if they still offer to hear teens (a moderator may approve them later).
        await TellList(wasListed: true);
        var profile = Updated();
        return ended ? profile : throw MatchChatException.Unavailable(
            "The approval is revoked, but a conversation with a teen could not be ended just now. Revoke again to finish.");
    }

    /// <summary>The listener's open conversations with teen seekers end (each conversation grain reads its seeker's age).
    /// Every one is tried; false when any could not be ended now (a repeated revocation tries again).</summary>
    private async Task<bool> EndTeenConversations()
    {
        var all = true;
        foreach (var c in S.Conversations.Where(c => c.EndedAt is null && c.Role == MemberRoles.Listener).ToList())
        {
            try
            {
                await m.Grains.Ref<IConversationGrain>(c.ConversationId).EndIfSeekerIsTeen(m.MemberId);
            }
            catch (Exception e)
            {
                m.Logger.LogWarning("A conversation with a teen was not ended at a revocation ({ExceptionType})", e.GetType().Name);
                all = false;
            }
        }

        return all;
    }

    /// <summary>The teen offers on this listener's screen go back to their queues (declined there, keeping their place).</summary>
    public async Task WithdrawTeenOffers()
    {
        var teenOffers = S.Offers.Where(o => o.SeekerAgeGroup == AgeGroups.Teen).ToList();
        if (teenOffers.Count == 0)
        {
            return;
        }

        await m.Writes.Change(s => s.Offers.RemoveAll(o => o.SeekerAgeGroup == AgeGroups.Teen));
        foreach (var offer in teenOffers)
        {
            m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offer.OfferId, OfferReasons.Withdrawn)));
            try
            {
                // Declined: the queue does not offer that request to this listener again, and it keeps its place.
                await m.Queue(offer.Topic).Decline(offer.OfferId, m.MemberId, OfferReasons.Declined);
            }
            catch (Exception e)
            {
                m.Logger.LogWarning("Giving a teen offer back to topic {Topic} failed ({ExceptionType}); it expires there", offer.Topic, e.GetType().Name);
            }
        }
    }

    private ListenerProfile Updated()
    {
        var profile = listener.Profile()!;
        m.Notify(n => n.MemberUpdated(m.MemberId, m.Describe()));
        return profile;
    }
}
