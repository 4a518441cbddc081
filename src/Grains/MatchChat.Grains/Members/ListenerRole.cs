using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
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
    private readonly AcceptedOffers _accepted = new();

    private MemberState S => m.State;

    public bool Available => S.Listener is { Available: true };

    public int ActiveChats => S.Conversations.Count(c => c.Role == MemberRoles.Listener && c.EndedAt is null);

    public ListenerProfile? Profile() => S.Listener is { } l
        ? ListeningRole.Complete(S, new ListenerProfile(l.Topics, l.Experiences, l.MaxConcurrentChats, l.AcceptsTeens, l.Available, ActiveChats, TeenApprovalRole.Describe(S), l.Bio), m.Now)
        : null;

    /// <summary>
    /// A first profile or an edit. <paramref name="acceptsTeens"/> and <paramref name="bio"/> left out (null) keep what is
    /// stored (a version 1 client knows neither, and an edit that leaves them out must not wipe the bio or the
    /// moderator's teen approval: an outside probe); an empty bio removes it.
    /// </summary>
    public async Task<ListenerProfile> Volunteer(string[] topicSlugs, string[] experiences, int maxConcurrentChats, bool? acceptsTeens, string? bio = null)
    {
        var teens = acceptsTeens ?? S.Listener?.AcceptsTeens ?? false;
        bio = bio is null ? S.Listener?.Bio : bio.Length == 0 ? null : bio;
        foreach (var t in topicSlugs)
        {
            m.RequireTopic(t);
        }

        var removed = S.Listener?.Topics.Except(topicSlugs).ToArray() ?? [];
        var bioChanged = S.Listener?.Bio != bio;
        // [network] Embedded before the change is written (once per change of bio or tags), never by a queue.
        var meaning = await ListenerMeaningRole.For(m, bio, experiences);
        await m.Writes.Change(s =>
        {
            s.Listener ??= new ListenerSettings();
            s.Listener.Topics = topicSlugs;
            s.Listener.Experiences = experiences;
            s.Listener.MaxConcurrentChats = maxConcurrentChats;
            s.Listener.AcceptsTeens = teens;
            s.Listener.TeenApproved &= teens;
            ListenerMeaningRole.Apply(s.Listener, bio, meaning);
        });
        if (bioChanged)
        {
            // [network] Seekers in an open chat with this listener see the bio as it now stands (an outside probe: a bio
            // removed while a chat was open stayed on the seeker's screen).
            foreach (var c in S.Conversations.Where(c => c.EndedAt is null && c.Role == MemberRoles.Listener))
            {
                _ = m.Grains.Ref<IConversationGrain>(c.ConversationId).ListenerBioChanged(m.MemberId, bio);
            }
        }

        await Task.WhenAll(removed.Select(t => m.Queue(t).RemoveListener(m.MemberId)));
        _ = m.Grains.Ref<IExperienceCatalogGrain>(IExperienceCatalogGrain.Key).Add(experiences);
        await GiveBackOffersOverLimit(removed);
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

    /// <summary>
    /// The queue records the accept in one turn and names the conversation; this grain starts it (its id is derived
    /// from the request, so a repeated start is harmless), tells the queue how it went one-way, and records it.
    /// </summary>
    public async Task<Conversation> AcceptOffer(string offerId)
    {
        if (S.Offers.FirstOrDefault(o => o.OfferId == offerId) is not { } offer)
        {
            return _accepted.Started(offerId, S.Conversations) ?? throw _accepted.NotOpen(offerId);
        }

        if (!TeenApprovalRole.MayTake(S, offer))
        {
            await DeclineOffer(offerId);
            throw MatchChatException.Conflict("This offer was withdrawn: hearing teens needs a moderator's approval, which you do not hold now.");
        }

        if (S.Listener is null || ActiveChats >= S.Listener.MaxConcurrentChats)
        {
            throw MatchChatException.Conflict("You are at your chat limit. End a conversation or raise your limit first.");
        }

        var queue = m.Queue(offer.Topic);
        HandOver handOver;
        try
        {
            handOver = await queue.Accept(offerId, m.MemberId, S.Handle!);
        }
        catch (Exception e)
        {
            // Accepted elsewhere or expired (conflict), or the queue did not answer: either way this offer is no
            // longer open here. If the queue did record the accept, it settles that start on its own timer.
            throw await NotAccepted(offer, e);
        }

        // [network] The seeker's view of this conversation says why and shows this listener's bio.
        handOver = handOver with { Start = handOver.Start with { MatchReason = offer.MatchReason, ListenerBio = S.Listener?.Bio } };
        var outcome = await Start(handOver);
        var requestId = handOver.Start.RequestId;
        if (outcome is { } known)
        {
            _ = queue.Started(requestId, handOver.Attempt, known);
        }
        else
        {
            _ = queue.StartFailed(requestId, handOver.Attempt);
        }

        if (outcome != StartOutcome.Started)
        {
            throw await NotAccepted(offer, outcome == StartOutcome.Taken
                ? MatchChatException.Conflict("This request was just matched with someone else. Stay available for the next one.")
                : NotStarted());
        }

        var conversation = new Conversation(handOver.ConversationId, Channels.ForConversation(handOver.ConversationId), offer.Topic,
            handOver.Start.SeekerHandle, MemberRoles.Listener, handOver.Start.SharedExperiences, handOver.AcceptedAt, null, offer.MatchReason);
        // The conversation exists whatever this grain's storage says: record it like the notice from the conversation.
        var added = Record(conversation);
        _accepted.Add(offerId, conversation.ConversationId);
        S.Offers.Remove(offer);
        S.ConsecutiveExpiries = 0;
        S.LastAssignedAt = m.Now;
        await m.Writes.TryWrite("after a match");
        // The accepting queue counted this chat at the accept (and re-plans from there); the listener's other topics learn it now.
        await TryPushSnapshot(except: offer.Topic);
        m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offerId, OfferReasons.Accepted)));
        if (added)
        {
            m.Notify(n => n.Matched(m.MemberId, conversation));
        }

        if (offer.Priority == Priorities.Urgent)
        {
            // [crisis] The seeker's note read as crisis: the listener gets the guidance before the first message (an
            // outside browser probe: it came only once the seeker wrote a flagged message in the chat).
            _ = m.Grains.Ref<ICrisisScreenGrain>(0).UrgentRequestAccepted(handOver.ConversationId, handOver.Start.SeekerId, m.MemberId, offer.Topic);
        }

        return conversation;
    }

    /// <summary>
    /// Two tries when the first fails outright (the second re-reads what the first may have written); null when neither
    /// answered. A try that times out is not repeated at once: under load the first may still be running, and a second
    /// would only double the work. The queue settles an unanswered start on its timer.
    /// </summary>
    private async Task<StartOutcome?> Start(HandOver handOver)
    {
        var conversation = m.Grains.Ref<IConversationGrain>(handOver.ConversationId);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                return await conversation.Start(handOver.Start);
            }
            catch (Exception e)
            {
                m.Logger.LogWarning("Starting a conversation in topic {Topic} failed (attempt {Attempt}): {ExceptionType}",
                    handOver.Start.Topic, attempt, e.GetType().Name);
                if (e is TimeoutException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>The offer is gone from this member's screen; the error to throw for it.</summary>
    private async Task<Exception> NotAccepted(Offer offer, Exception e)
    {
        S.Offers.Remove(offer);
        if (e is not MatchChatException { Code: ErrorCodes.Conflict })
        {
            m.Notify(n => n.OfferWithdrawn(m.MemberId, new OfferWithdrawn(offer.OfferId, OfferReasons.NotStarted)));
            await TryPushSnapshot();
        }

        return e as MatchChatException ?? NotStarted();
    }

    private static MatchChatException NotStarted() =>
        MatchChatException.Unavailable("The conversation could not be started just now. The seeker keeps their place in the queue.");

    /// <summary>Adds a conversation of this member's if it is new; true when it was.</summary>
    public bool Record(Conversation conversation)
    {
        if (S.Conversations.Any(c => c.ConversationId == conversation.ConversationId))
        {
            return false;
        }

        S.Conversations.Insert(0, conversation);
        S.ListenedCount += conversation.Role == MemberRoles.Listener ? 1 : 0;
        return true;
    }

    public async Task DeclineOffer(string offerId)
    {
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw _accepted.NotOpen(offerId);
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

        if (!TeenApprovalRole.MayTake(S, offer) || (offer.SeekerHandle is { } seeker && S.Conversations.Any(c => c.EndedAt is null && c.PeerHandle == seeker)))
        {
            // A teen's request for an adult not approved now, or already in an open chat with this seeker (they asked
            // again): declined, so that request is not offered to them again.
            await m.Queue(offer.Topic).Decline(offer.OfferId, m.MemberId, OfferReasons.Declined);
            return;
        }

        // An offer lives 30 s: deliver it even if storage is briefly down, rather than let it expire unseen and
        // count against the listener. Stored with the accept or decline that usually follows within the second (one
        // write instead of two), else a second from now; the queue holds it meanwhile and expires it if it is lost.
        S.Offers.Add(offer);
        m.WriteSoon();
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
            // The server changed their availability, not they: every open page (and any client) is told (an outside
            // probe: only GetMe showed it, and a listener believed they were on duty while no offer could come).
            m.Notify(n => n.MemberUpdated(m.MemberId, m.Describe()));
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

        await GiveBack(offers, reason);
        await PushSnapshot();
    }

    /// <summary>
    /// After the chat limit was lowered: the open offers that would take the listener past it go back to their queues at
    /// once, newest first (an outside probe: an offer the listener could no longer accept stayed on their screen, and the
    /// seeker stayed "offered", until it expired, and the expiry counted against the listener).
    /// </summary>
    private async Task GiveBackOffersOverLimit(string[] removedTopics)
    {
        // Offers of topics just left are being closed by their queues (their notices follow this call): not counted.
        var open = OpenOffers().Where(o => !removedTopics.Contains(o.Topic)).ToArray();
        var excess = ActiveChats + open.Length - S.Listener!.MaxConcurrentChats;
        if (excess <= 0)
        {
            return;
        }

        var back = open.OrderByDescending(o => o.ExpiresAt).Take(excess).ToList();
        await m.Writes.Change(s => s.Offers.RemoveAll(back.Contains));
        await GiveBack(back, OfferReasons.Busy);
    }

    /// <summary>Each offer leaves the listener's pages and goes back to its queue, even if one queue does not answer.</summary>
    private Task GiveBack(IEnumerable<Offer> offers, string reason) =>
        Task.WhenAll(offers.Select(async offer =>
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

    /// <summary>The roster entry of each topic queue of this listener; re-sent on every attach and renewal.</summary>
    public async Task PushSnapshot(string? except = null)
    {
        if (S.Listener is not { } l)
        {
            return;
        }

        var snapshot = new ListenerSnapshot(m.MemberId, S.AgeGroup, l.Experiences, l.MaxConcurrentChats, ActiveChats,
            l.AcceptsTeens, l.Available, S.LastAssignedAt, l.Topics, TeenApprovalRole.Approved(S), [.. S.Blocked], l.Meaning)
        { Schedule = l.Schedule };
        await Task.WhenAll(l.Topics.Where(t => t != except).Select(t => m.Queue(t).UpsertListener(snapshot)));
    }

    private async Task TryPushSnapshot(string? except = null)
    {
        try
        {
            await PushSnapshot(except);
        }
        catch (Exception e)
        {
            m.Logger.LogWarning("Listener snapshot not delivered ({ExceptionType}); the next renewal sends it", e.GetType().Name);
        }
    }

    /// <summary>An offer whose expiry notice was lost (a silo died) is forgotten a while after its deadline, freeing capacity.</summary>
    private void PruneStaleOffers() => S.Offers.RemoveAll(o => o.ExpiresAt + m.Timings.OfferTimeout <= m.Now);
}
