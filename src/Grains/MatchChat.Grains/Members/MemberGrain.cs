using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Push;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Members;

/// <summary>
/// One per member: identity, listener profile and availability, the open request, pending offers, conversations,
/// rooms, and presence (which web nodes hold connections of this member). Pushes member events to those nodes.
/// Calls out to queues, conversations and rooms are awaited; they only ever call back one-way.
/// </summary>
public sealed class MemberGrain(
    [PersistentState("member", StorageNames.Grains)] IPersistentState<MemberState> state,
    IOptions<MatchChatTimings> timings,
    TopicCatalog topics,
    TimeProvider time,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain, IRemindable
{
    private const string PresenceReminder = "presence";
    private const int EndedConversationsKept = 20;
    private const int StartAttempts = 3;
    private readonly MatchChatTimings _timings = timings.Value;
    private NodeSubscriptions _nodes = null!;
    private DateTime? _disconnectedSince;
    private IGrainTimer? _deadlineTimer;
    private bool _reminderRegistered;

    private MemberState S => state.State;
    private string MemberId => this.GetPrimaryKeyString();
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private int ActiveChats => S.Conversations.Count(c => c.Role == "listener" && c.EndedAt is null);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodes = new NodeSubscriptions(_timings.ObserverExpiry, time);
        // Connections are not known after an activation: grace periods count from now, and nodes re-attach on renewal.
        _disconnectedSince = Now;
        _reminderRegistered = NeedsPresenceWatch();
        ArmDeadline();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<Member> Create(string handle, string ageGroup)
    {
        if (!S.Exists)
        {
            S.Handle = handle;
            S.AgeGroup = ageGroup;
            S.CreatedAt = Now;
            await state.WriteStateAsync();
        }

        return Describe();
    }

    public Task<Member> GetMe()
    {
        RequireMember();
        return Task.FromResult(Describe());
    }

    public async Task<MemberChannels> Attach(string nodeId, IChatObserver node)
    {
        RequireMember();
        PruneStaleOffers();
        if (_nodes.Renew(nodeId, node))
        {
            // A node new to this member (a reload, a restart) gets the open request's ticket and the offers still
            // open, so a page that connects later misses nothing.
            foreach (var offer in S.Offers.Where(o => o.ExpiresAt > Now))
            {
                _ = node.OfferReceived(MemberId, offer);
            }

            if (S.Request is { } open)
            {
                if (await Queue(open.Topic).GetTicket(open.RequestId) is { } ticket)
                {
                    _ = node.QueueUpdated(MemberId, ticket);
                }
                else
                {
                    // Matched, cancelled or expired while the notice to this grain was lost: it is no longer open.
                    S.Request = null;
                    await state.WriteStateAsync();
                }
            }
        }

        _disconnectedSince = null;
        if (S.Listener is { Available: true })
        {
            // Re-send the roster entry on every attach and renewal: a queue that was deactivated, moved or
            // restarted keeps its roster in memory only, and learns of this listener again here.
            await PushSnapshot();
        }

        ArmDeadline();
        var channels = S.Conversations.Where(c => c.EndedAt is null).Select(c => c.Channel)
            .Concat(S.Rooms.Select(Channels.ForRoom))
            .ToArray();
        return new MemberChannels(S.Handle!, S.AgeGroup, channels);
    }

    public Task Detach(string nodeId)
    {
        _nodes.Remove(nodeId);
        if (_nodes.IsEmpty)
        {
            _disconnectedSince ??= Now;
        }

        ArmDeadline();
        return Task.CompletedTask;
    }

    public async Task<QueueTicket> RequestListener(string topic, string[] experiences, string? note)
    {
        RequireMember();
        RequireTopic(topic);
        if (S.Request is not null)
        {
            throw MatchChatException.Conflict("You already have an open request. Cancel it before asking again.");
        }

        var request = new OpenRequest(Ids.New(), topic, experiences, note, Now);
        var ticket = await Queue(topic).Enqueue(new SeekerRequest(
            request.RequestId, MemberId, S.Handle!, S.AgeGroup, experiences, note, request.EnqueuedAt));
        S.Request = request;
        await state.WriteStateAsync();
        await WatchPresence();
        return ticket;
    }

    public async Task CancelRequest(string requestId)
    {
        RequireMember();
        if (S.Request?.RequestId != requestId)
        {
            throw MatchChatException.NotFound("You have no open request with that id.");
        }

        var cancelled = await Queue(S.Request.Topic).Cancel(requestId, TicketStatus.Cancelled);
        S.Request = null;
        if (!cancelled)
        {
            await state.WriteStateAsync();
            throw MatchChatException.Conflict("That request is no longer waiting: it was matched or has expired.");
        }

        await state.WriteStateAsync();
    }

    public async Task<ListenerProfile> Volunteer(string[] topicSlugs, string[] experiences, int maxConcurrentChats, bool acceptsTeens)
    {
        RequireMember();
        foreach (var t in topicSlugs)
        {
            RequireTopic(t);
        }

        var removed = S.Listener?.Topics.Except(topicSlugs).ToArray() ?? [];
        S.Listener ??= new ListenerSettings();
        S.Listener.Topics = topicSlugs;
        S.Listener.Experiences = experiences;
        S.Listener.MaxConcurrentChats = maxConcurrentChats;
        S.Listener.AcceptsTeens = acceptsTeens;
        await state.WriteStateAsync();
        await Task.WhenAll(removed.Select(t => Queue(t).RemoveListener(MemberId)));
        await PushSnapshot();
        await WatchPresence();
        return Profile()!;
    }

    public async Task<ListenerProfile> SetAvailable(bool available)
    {
        RequireMember();
        if (S.Listener is null)
        {
            throw MatchChatException.Forbidden("Volunteer as a listener first.");
        }

        if (available)
        {
            S.Listener.Available = true;
            S.ConsecutiveExpiries = 0;
            await state.WriteStateAsync();
            await PushSnapshot();
        }
        else
        {
            await GoUnavailable("unavailable");
        }

        await WatchPresence();
        return Profile()!;
    }

    public async Task<Conversation> AcceptOffer(string offerId)
    {
        RequireMember();
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw UnknownOffer();
        if (S.Listener is null || ActiveChats >= S.Listener.MaxConcurrentChats)
        {
            throw MatchChatException.Conflict("You are at your chat limit. End a conversation or raise your limit first.");
        }

        MatchResult match;
        try
        {
            match = await Queue(offer.Topic).Accept(offerId, MemberId);
        }
        finally
        {
            // Accepted or no longer open: either way it is not pending any more.
            S.Offers.Remove(offer);
        }

        var conversationId = Ids.New();
        var start = new ConversationStart(match.Topic, match.SeekerId, match.SeekerHandle, MemberId, S.Handle!, match.SharedExperiences, match.RequestId);
        if (!await TryStartConversation(conversationId, start))
        {
            await GiveBack(match, conversationId);
            Notify(n => n.OfferWithdrawn(MemberId, new OfferWithdrawn(offerId, "not_started")));
            await TryPersistAndPushSnapshot();
            throw MatchChatException.Unavailable("The conversation could not be started just now. The seeker keeps their place in the queue.");
        }

        S.ConsecutiveExpiries = 0;
        S.LastAssignedAt = Now;
        var conversation = new Conversation(conversationId, Channels.ForConversation(conversationId), match.Topic,
            match.SeekerHandle, "listener", match.SharedExperiences, Now, null);
        S.Conversations.Insert(0, conversation);
        await state.WriteStateAsync();
        await PushSnapshot();
        Notify(n => n.OfferWithdrawn(MemberId, new OfferWithdrawn(offerId, "accepted")));
        Notify(n => n.Matched(MemberId, conversation));
        return conversation;
    }

    /// <summary>Start is idempotent per conversation id, so a failed attempt (storage briefly unavailable) is retried as is.</summary>
    private async Task<bool> TryStartConversation(string conversationId, ConversationStart start)
    {
        var conversation = GrainFactory.GetGrain<IConversationGrain>(conversationId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await conversation.Start(start);
                return true;
            }
            catch (Exception e) when (e is not MatchChatException)
            {
                logger.LogWarning("Starting a conversation in topic {Topic} failed (attempt {Attempt}): {Error}", start.Topic, attempt, e.GetType().Name);
                if (attempt == StartAttempts)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }

    /// <summary>
    /// The queue has let the request go but no conversation started: put the request back in its place (the queue
    /// keeps its original arrival time), end the conversation in case a start reported as failed landed late, and
    /// tell the seeker's grain. Storage may be down right now, so the queue is asked directly and more than once;
    /// the queue keeps the request in memory even when its own state write fails, and retries that write.
    /// </summary>
    private async Task GiveBack(MatchResult match, string conversationId)
    {
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            try
            {
                await Queue(match.Topic).Enqueue(match.Request);
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Giving a request back to topic {Topic} failed (attempt {Attempt}): {Error}", match.Topic, attempt, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }

        _ = EndIfStarted(conversationId);
        _ = GrainFactory.GetGrain<IMemberGrain>(match.SeekerId).OnMatchFailed(match.Topic, match.Request);
    }

    private async Task EndIfStarted(string conversationId)
    {
        try
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId).End(MemberId, "not_started");
        }
        catch (Exception)
        {
            // not_found: it never started, which is the usual case.
        }
    }

    private async Task TryPersistAndPushSnapshot()
    {
        await TryWriteState("after a failed start");
        try
        {
            // The queue counted this chat when the offer was accepted; give it the true count now.
            await PushSnapshot();
        }
        catch (Exception e)
        {
            logger.LogWarning("Listener snapshot after a failed start not delivered ({Error}); the next renewal sends it", e.GetType().Name);
        }
    }

    /// <summary>For state that may lag storage for a moment (memory is right, the next write stores it).</summary>
    private async Task TryWriteState(string when)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Member state write failed {When} ({Error}); kept in memory until the next write", when, e.GetType().Name);
        }
    }

    public async Task OnMatchFailed(string topic, SeekerRequest request)
    {
        if (S.Request is not null && S.Request.RequestId != request.RequestId)
        {
            return;
        }

        // Queue first (it holds the request in memory even while storage is down), then this grain's own state.
        S.Request = new OpenRequest(request.RequestId, topic, request.Experiences, request.Note, request.EnqueuedAt);
        var ticket = await Queue(topic).Enqueue(request);
        Notify(n => n.QueueUpdated(MemberId, ticket));
        await TryWriteState("while re-queueing a request");
        await WatchPresence();
    }

    public async Task DeclineOffer(string offerId)
    {
        RequireMember();
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw UnknownOffer();
        S.Offers.Remove(offer);
        S.ConsecutiveExpiries = 0;
        await state.WriteStateAsync();
        await Queue(offer.Topic).Decline(offerId, MemberId, "declined");
        Notify(n => n.OfferWithdrawn(MemberId, new OfferWithdrawn(offerId, "declined")));
    }

    public Task<Conversation[]> ListConversations()
    {
        RequireMember();
        var active = S.Conversations.Where(c => c.EndedAt is null).OrderByDescending(c => c.StartedAt);
        var ended = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedConversationsKept);
        return Task.FromResult(active.Concat(ended).ToArray());
    }

    public async Task EndConversation(string conversationId)
    {
        RequireMember();
        _ = S.Conversations.FirstOrDefault(c => c.ConversationId == conversationId)
            ?? throw MatchChatException.NotFound("You have no conversation with that id.");
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).End(MemberId, "ended");
    }

    public async Task<Room> JoinRoom(string slug)
    {
        RequireMember();
        RequireTopic(slug);
        var room = await GrainFactory.GetGrain<IRoomGrain>(slug).Join(MemberId, S.Handle!);
        if (!S.Rooms.Contains(slug))
        {
            S.Rooms.Add(slug);
            await state.WriteStateAsync();
        }

        Notify(n => n.ChannelJoined(MemberId, room.Channel));
        return room;
    }

    public async Task LeaveRoom(string slug)
    {
        RequireMember();
        if (!S.Rooms.Contains(slug))
        {
            throw MatchChatException.NotFound("You are not in that room.");
        }

        await GrainFactory.GetGrain<IRoomGrain>(slug).Leave(MemberId);
        S.Rooms.Remove(slug);
        await state.WriteStateAsync();
        Notify(n => n.ChannelLeft(MemberId, Channels.ForRoom(slug)));
    }

    public async Task OnTicketUpdated(QueueTicket ticket)
    {
        if (!TicketStatus.IsOpen(ticket.Status) && S.Request?.RequestId == ticket.RequestId)
        {
            S.Request = null;
            await state.WriteStateAsync();
        }

        Notify(n => n.QueueUpdated(MemberId, ticket));
    }

    public async Task OnOfferMade(Offer offer)
    {
        PruneStaleOffers();
        var listener = S.Listener;
        if (listener is null || !listener.Available || ActiveChats + S.Offers.Count(o => o.ExpiresAt > Now) >= listener.MaxConcurrentChats)
        {
            await Queue(offer.Topic).Decline(offer.OfferId, MemberId, "busy");
            return;
        }

        // An offer lives 30 s: deliver it even if storage is briefly down, rather than let it expire unseen and
        // count against the listener.
        S.Offers.Add(offer);
        await TryWriteState("for a new offer");
        Notify(n => n.OfferReceived(MemberId, offer));
    }

    public async Task OnOfferClosed(string offerId, string reason)
    {
        var offer = S.Offers.FirstOrDefault(o => o.OfferId == offerId);
        if (offer is null)
        {
            return;
        }

        S.Offers.Remove(offer);
        Notify(n => n.OfferWithdrawn(MemberId, new OfferWithdrawn(offerId, reason)));
        if (reason == "expired" && ++S.ConsecutiveExpiries >= _timings.ConsecutiveExpiriesBeforeUnavailable)
        {
            logger.LogInformation("Listener set unavailable after {Count} expired offers in a row", S.ConsecutiveExpiries);
            await GoUnavailable("unavailable");
            return;
        }

        await state.WriteStateAsync();
    }

    public async Task OnConversationStarted(Conversation conversation, string requestId)
    {
        if (S.Conversations.All(c => c.ConversationId != conversation.ConversationId))
        {
            S.Conversations.Insert(0, conversation);
        }

        if (S.Request?.RequestId == requestId)
        {
            S.Request = null;
        }

        await state.WriteStateAsync();
        Notify(n => n.Matched(MemberId, conversation));
        await WatchPresence();
    }

    public async Task OnConversationEnded(ConversationEnded ended, DateTime endedAt)
    {
        var index = S.Conversations.FindIndex(c => c.ConversationId == ended.ConversationId);
        if (index < 0 || S.Conversations[index].EndedAt is not null)
        {
            return;
        }

        var conversation = S.Conversations[index] with { EndedAt = endedAt };
        S.Conversations[index] = conversation;
        var keep = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedConversationsKept).ToHashSet();
        S.Conversations.RemoveAll(c => c.EndedAt is not null && !keep.Contains(c));
        await state.WriteStateAsync();
        Notify(n => n.ConversationEnded(MemberId, ended));
        if (conversation.Role == "listener")
        {
            await PushSnapshot();
        }
    }

    public Task OnChannelActivated(string channel)
    {
        Notify(n => n.ChannelJoined(MemberId, channel));
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Activation has started the grace periods; the deadline timer does the rest.
        WatchPresence();

    private Member Describe() =>
        new(MemberId, S.Handle!, S.AgeGroup, S.Listener is null ? ["seeker"] : ["seeker", "listener"], Profile());

    private ListenerProfile? Profile() => S.Listener is { } l
        ? new ListenerProfile(l.Topics, l.Experiences, l.MaxConcurrentChats, l.AcceptsTeens, l.Available, ActiveChats)
        : null;

    private ITopicQueueGrain Queue(string topic) => GrainFactory.GetGrain<ITopicQueueGrain>(topic);

    private void RequireMember()
    {
        if (!S.Exists)
        {
            throw MatchChatException.NotFound("This member does not exist. Create a new member to continue.");
        }
    }

    private void RequireTopic(string slug)
    {
        var topic = topics.Find(slug) ?? throw MatchChatException.NotFound("There is no topic with that name. GET /api/topics lists them.");
        if (!AgeGroups.MayEnter(S.AgeGroup, topic.Audience))
        {
            throw MatchChatException.Forbidden("That topic is not open to your age group.");
        }
    }

    /// <summary>Offers are short-lived and their ids unguessable: any offer not open now has expired or was withdrawn.</summary>
    private static MatchChatException UnknownOffer() =>
        MatchChatException.Conflict("This offer has expired or was withdrawn. Stay available for the next one.");

    private void Notify(Func<IChatObserver, Task> send) => _nodes.Notify(send);

    /// <summary>
    /// The queue tells us when an offer expires; if that notice was lost (a silo died), forget the offer a while
    /// after its deadline so it does not hold the listener's capacity for ever.
    /// </summary>
    private void PruneStaleOffers() => S.Offers.RemoveAll(o => o.ExpiresAt + _timings.OfferTimeout <= Now);

    private async Task PushSnapshot()
    {
        if (S.Listener is not { } l)
        {
            return;
        }

        var snapshot = new ListenerSnapshot(MemberId, S.AgeGroup, l.Experiences, l.MaxConcurrentChats, ActiveChats,
            l.AcceptsTeens, l.Available, S.LastAssignedAt, l.Topics);
        await Task.WhenAll(l.Topics.Select(t => Queue(t).UpsertListener(snapshot)));
    }

    private async Task GoUnavailable(string reason)
    {
        if (S.Listener is null)
        {
            return;
        }

        S.Listener.Available = false;
        var offers = S.Offers.ToList();
        S.Offers.Clear();
        await state.WriteStateAsync();
        foreach (var offer in offers)
        {
            await Queue(offer.Topic).Decline(offer.OfferId, MemberId, reason);
            Notify(n => n.OfferWithdrawn(MemberId, new OfferWithdrawn(offer.OfferId, reason)));
        }

        await PushSnapshot();
    }

    private bool NeedsPresenceWatch() => S.Request is not null || S.Listener is { Available: true };

    /// <summary>Keeps a reminder while a grace period could need to run after a restart.</summary>
    private async Task WatchPresence()
    {
        var wanted = NeedsPresenceWatch();
        ArmDeadline();
        if (wanted == _reminderRegistered)
        {
            return;
        }

        _reminderRegistered = wanted;
        if (wanted)
        {
            await this.RegisterOrUpdateReminder(PresenceReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        }
        else if (await this.GetReminder(PresenceReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ArmDeadline()
    {
        DateTime? next = _nodes.NextExpiry;
        if (_disconnectedSince is { } since)
        {
            if (S.Listener is { Available: true })
            {
                next = Min(next, since + _timings.ListenerGrace);
            }

            if (S.Request is not null)
            {
                next = Min(next, since + _timings.SeekerGrace);
            }
        }

        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        if (next is { } due)
        {
            var delay = due - Now;
            _deadlineTimer = this.RegisterGrainTimer(
                _ => OnDeadline(),
                new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task OnDeadline()
    {
        if (_nodes.Prune(out var lastRenewal) && _nodes.IsEmpty)
        {
            // A node that vanished without saying goodbye: the member was last seen at its last renewal.
            _disconnectedSince ??= lastRenewal;
        }

        if (_disconnectedSince is { } since)
        {
            if (S.Listener is { Available: true } && since + _timings.ListenerGrace <= Now)
            {
                logger.LogInformation("Listener set unavailable: no connection for {Seconds}s", _timings.ListenerGraceSeconds);
                await GoUnavailable("unavailable");
            }

            if (S.Request is { } request && since + _timings.SeekerGrace <= Now)
            {
                logger.LogInformation("Waiting request expired: no connection for {Seconds}s", _timings.SeekerGraceSeconds);
                await Queue(request.Topic).Cancel(request.RequestId, TicketStatus.Expired);
                S.Request = null;
                await state.WriteStateAsync();
            }
        }

        await WatchPresence();
    }

    private static DateTime? Min(DateTime? a, DateTime b) => a is null || b < a ? b : a;
}
