using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>
/// A member who listens: profile and availability, the offers on their screen, accepting and declining, and the
/// roster entry that every topic queue of theirs keeps (<see cref="PushSnapshot"/>).
/// </summary>
internal sealed class ListenerRole(IMemberContext m)
{
    private MemberState S => m.State;

    public bool Available => S.Listener is { Available: true };

    public int ActiveChats => S.Conversations.Count(c => c.Role == MemberRoles.Listener && c.EndedAt is null);

    public ListenerProfile? Profile() => S.Listener is { } l
        ? new ListenerProfile(l.Topics, l.Experiences, l.MaxConcurrentChats, l.AcceptsTeens, l.Available, ActiveChats, TeenApprovalRole.Describe(S))
        : null;

    public async Task<ListenerProfile> Volunteer(string[] topicSlugs, string[] experiences, int maxConcurrentChats, bool acceptsTeens)
    {
        foreach (var t in topicSlugs)
        {
            m.RequireTopic(t);
        }

        var removed = S.Listener?.Topics.Except(topicSlugs).ToArray() ?? [];
        await m.Writes.Change(s =>
        {
            s.Listener ??= new ListenerSettings();
            s.Listener.Topics = topicSlugs;
            s.Listener.Experiences = experiences;
            s.Listener.MaxConcurrentChats = maxConcurrentChats;
            s.Listener.AcceptsTeens = acceptsTeens;
            s.Listener.TeenApproved &= acceptsTeens;
        });
        await Task.WhenAll(removed.Select(t => m.Queue(t).RemoveListener(m.MemberId)));
        await PushSnapshot();
        await m.WatchPresence();
        return Profile()!;
    }

    public async Task<ListenerProfile> SetAvailable(bool available)
    {
        if (S.Listener is null)
        {
            throw MatchChatException.Forbidden("Volunteer as a listener first.");
        }

        if (available)
        {
            await m.Writes.Change(s =>
            {
                s.Listener!.Available = true;
                s.ConsecutiveExpiries = 0;
            });
            await PushSnapshot();
        }
        else
        {
            await GoUnavailable(OfferReasons.Unavailable);
        }

        await m.WatchPresence();
        return Profile()!;
    }

    /// <summary>The queue starts the conversation; this grain records it once the queue says it has started.</summary>
    public async Task<Conversation> AcceptOffer(string offerId)
    {
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw UnknownOffer();
        if (S.Listener is null || ActiveChats >= S.Listener.MaxConcurrentChats)
        {
            throw MatchChatException.Conflict("You are at your chat limit. End a conversation or raise your limit first.");
        }

        MatchResult match;
        try
        {
            match = await m.Queue(offer.Topic).Accept(offerId, m.MemberId, S.Handle!);
        }
        catch (Exception e)
        {
            // Accepted elsewhere, expired, or not started: either way this offer is no longer open.
            S.Offers.Remove(offer);
            if (e is not MatchChatException { Code: ErrorCodes.Conflict })
            {
                m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offerId, OfferReasons.NotStarted)));
                await TryPushSnapshot();
            }

            if (e is MatchChatException)
            {
                throw;
            }

            throw MatchChatException.Unavailable("The conversation could not be started just now. The seeker keeps their place in the queue.");
        }

        var conversation = new Conversation(match.ConversationId, Channels.ForConversation(match.ConversationId), match.Topic,
            match.SeekerHandle, MemberRoles.Listener, match.SharedExperiences, match.StartedAt, null);
        // The conversation exists whatever this grain's storage says: record it like the notice from the conversation.
        var added = Record(conversation);
        S.Offers.Remove(offer);
        S.ConsecutiveExpiries = 0;
        S.LastAssignedAt = m.Now;
        await m.Writes.TryWrite("after a match");
        await TryPushSnapshot();
        m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offerId, OfferReasons.Accepted)));
        if (added)
        {
            m.Notify(n => n.Matched(m.MemberId, conversation));
        }

        return conversation;
    }

    /// <summary>Adds a conversation of this member's if it is new; true when it was.</summary>
    public bool Record(Conversation conversation)
    {
        if (S.Conversations.Any(c => c.ConversationId == conversation.ConversationId))
        {
            return false;
        }

        S.Conversations.Insert(0, conversation);
        return true;
    }

    public async Task DeclineOffer(string offerId)
    {
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw UnknownOffer();
        await m.Writes.Change(s =>
        {
            s.Offers.RemoveAll(o => o.OfferId == offerId);
            s.ConsecutiveExpiries = 0;
        });
        await m.Queue(offer.Topic).Decline(offerId, m.MemberId, OfferReasons.Declined);
        m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offerId, OfferReasons.Declined)));
    }

    public async Task OnOfferMade(Offer offer)
    {
        PruneStaleOffers();
        var listener = S.Listener;
        if (listener is null || !listener.Available || ActiveChats + S.Offers.Count(o => o.ExpiresAt > m.Now) >= listener.MaxConcurrentChats)
        {
            await m.Queue(offer.Topic).Decline(offer.OfferId, m.MemberId, OfferReasons.Busy);
            return;
        }

        // An offer lives 30 s: deliver it even if storage is briefly down, rather than let it expire unseen and
        // count against the listener.
        S.Offers.Add(offer);
        await m.Writes.TryWrite("for a new offer");
        m.Notify(n => n.OfferReceived(m.MemberId, offer));
    }

    public async Task OnOfferClosed(string offerId, string reason)
    {
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId);
        if (offer is null)
        {
            return;
        }

        S.Offers.Remove(offer);
        m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offerId, reason)));
        if (reason == OfferReasons.Expired && ++S.ConsecutiveExpiries >= m.Timings.ConsecutiveExpiriesBeforeUnavailable)
        {
            m.Logger.LogInformation("Listener set unavailable after {Count} expired offers in a row", S.ConsecutiveExpiries);
            await GoUnavailable(OfferReasons.Unavailable);
            return;
        }

        await m.Writes.TryWrite("after an offer closed");
    }

    /// <summary>On a node's first attach: the offers still open, so a page that connects later misses none.</summary>
    public void ResendOffers(IChatObserver node)
    {
        foreach (var offer in OpenOffers())
        {
            _ = node.OfferReceived(m.MemberId, offer);
        }
    }

    public Offer[] OpenOffers()
    {
        PruneStaleOffers();
        return S.Offers.Where(o => o.ExpiresAt > m.Now).ToArray();
    }

    public async Task GoUnavailable(string reason)
    {
        if (S.Listener is null)
        {
            return;
        }

        var offers = S.Offers.ToList();
        await m.Writes.Change(s =>
        {
            s.Listener!.Available = false;
            s.Offers.Clear();
        });

        // Every offer is given back, even if one queue does not answer.
        await Task.WhenAll(offers.Select(async offer =>
        {
            m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offer.OfferId, reason)));
            try
            {
                await m.Queue(offer.Topic).Decline(offer.OfferId, m.MemberId, reason);
            }
            catch (Exception e)
            {
                m.Logger.LogWarning("Giving an offer back to topic {Topic} failed ({ExceptionType}); it expires there", offer.Topic, e.GetType().Name);
            }
        }));
        await PushSnapshot();
    }

    /// <summary>The roster entry of each topic queue of this listener; re-sent on every attach and renewal.</summary>
    public async Task PushSnapshot()
    {
        if (S.Listener is not { } l)
        {
            return;
        }

        var snapshot = new ListenerSnapshot(m.MemberId, S.AgeGroup, l.Experiences, l.MaxConcurrentChats, ActiveChats,
            l.AcceptsTeens, l.Available, S.LastAssignedAt, l.Topics, TeenApprovalRole.Approved(S), [.. S.Blocked]);
        await Task.WhenAll(l.Topics.Select(t => m.Queue(t).UpsertListener(snapshot)));
    }

    private async Task TryPushSnapshot()
    {
        try
        {
            await PushSnapshot();
        }
        catch (Exception e)
        {
            m.Logger.LogWarning("Listener snapshot not delivered ({ExceptionType}); the next renewal sends it", e.GetType().Name);
        }
    }

    /// <summary>
    /// The queue tells us when an offer expires; if that notice was lost (a silo died), forget the offer a while
    /// after its deadline so it does not hold the listener's capacity for ever.
    /// </summary>
    private void PruneStaleOffers() => S.Offers.RemoveAll(o => o.ExpiresAt + m.Timings.OfferTimeout <= m.Now);

    /// <summary>Offers are short-lived and their ids unguessable: any offer not open now has expired or was withdrawn.</summary>
    private static MatchChatException UnknownOffer() =>
        MatchChatException.Conflict("This offer has expired or was withdrawn. Stay available for the next one.");
}
