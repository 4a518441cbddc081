using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Rooms;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace MatchChat.Grains.Members;

/// <summary>
/// One per member, one activation: capacity, presence and the open request agree inside one turn. This class keeps
/// identity and attach/detach and the presence deadlines; the roles live in their own classes (<see cref="SeekerRole"/>,
/// <see cref="ListenerRole"/>, <see cref="ChatList"/>, <see cref="RoomList"/>) over one state and one write discipline
/// (<see cref="WriteThrough{T}"/>). Calls out to queues, conversations and rooms are awaited; they only ever call back one-way.
/// </summary>
public sealed partial class MemberGrain(
    [PersistentState("member", StorageNames.Grains)] IPersistentState<MemberState> state,
    DeepCopier<MemberState> copier,
    IOptions<MatchChatTimings> timings,
    TopicCatalog topics,
    TimeProvider time,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain, IRemindable, IMemberContext
{
    private readonly MatchChatTimings _timings = timings.Value;
    private Presence _presence = null!;
    private WriteThrough<MemberState> _writes = null!;
    private SeekerRole _seeker = null!;
    private ListenerRole _listener = null!;
    private ChatList _chats = null!;
    private RoomList _rooms = null!;
    private IGrainTimer? _deferredWriteTimer;

    private MemberState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _presence = new Presence(_timings, time);
        _activatedAt = Now;
        _writes = new WriteThrough<MemberState>(state, copier, DeactivateOnIdle, logger);
        _seeker = new SeekerRole(this);
        _listener = new ListenerRole(this);
        _chats = new ChatList(this, _seeker, _listener);
        _rooms = new RoomList(this);
        InitPresenceReminder();
        ArmDeadline();
        WatchPeersAfterActivation();
        TellTeenListAfterActivation();
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _writes.WriteDeferred("at deactivation");
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<Member> Create(string handle, string ageGroup, string? region = null, string? language = null)
    {
        if (S.Handle is null)
        {
            await _writes.Change(s =>
            {
                s.Handle = handle;
                s.AgeGroup = ageGroup;
                s.CreatedAt = Now;
                (s.Region, s.Language) = (region, language);
            });
        }

        return Describe();
    }

    public async Task<Member> GetMe()
    {
        RequireActive();
        return Describe() with { OpenRequest = await _seeker.CurrentTicket(), PendingOffers = _listener.OpenOffers() };
    }

    public async Task<Member> SetModerator(bool moderator)
    {
        RequireMember();
        if (S.Moderator != moderator)
        {
            await _writes.Change(s => s.Moderator = moderator);
            Notify(n => n.MemberUpdated(MemberId, Describe()));
        }

        return Describe();
    }

    public Task<MemberChannels> Attach(string nodeId, IChatObserver node) => Attach(nodeId, node, connection: false);

    public Task<MemberChannels> AttachConnection(string nodeId, IChatObserver node) => Attach(nodeId, node, connection: true);

    private async Task<MemberChannels> Attach(string nodeId, IChatObserver node, bool connection)
    {
        RequireActive();
        var wasConnected = _presence.Connected;
        _attachedSinceActivation = true;
        if (_presence.Attach(nodeId, node))
        {
            // A node new to this member (a reload, a restart) gets the open offers and the request's ticket.
            _listener.ResendOffers(node);
            await _seeker.ResendTicket(node);
            if (!connection)
            {
                // A renewal from a node this grain did not know: it has the member's connections, but this grain
                // was reloaded (its silo went) or had let the node lapse, so a Matched sent meanwhile reached nobody.
                // (A new connection's page lists its conversations itself.)
                await _chats.ResendActive(node);
            }

            await CatchUpNode(node);
        }
        else
        {
            // Another connection on a node that has the member needs them too (others ignore repeats), and check-ins refused as offline.
            await ResendToConnection(node, connection);
        }

        if (!wasConnected)
        {
            RepeatUnseenCare(node);
            await _rooms.MarkPresent();
            _chats.TellPeers(online: true);
        }

        if (_listener.Available)
        {
            // Re-send the roster entry on every attach and renewal: a queue that was deactivated, moved or
            // restarted keeps its roster in memory only, and learns of this listener again here.
            await _listener.PushSnapshot();
        }

        ArmDeadline();
        return new MemberChannels(S.Handle!, S.AgeGroup, _chats.ActiveChannels.Concat(_rooms.Channels).Concat(_seeker.QueueGroups).ToArray(), [.. S.Blocked]);
    }

    public Task Detach(string nodeId)
    {
        var wasConnected = _presence.Connected;
        _presence.Detach(nodeId);
        if (wasConnected && !_presence.Connected)
        {
            CareMayBeUnseen();
            _rooms.MarkAbsent();
            _chats.TellPeers(online: false);
        }

        ArmDeadline();
        return Task.CompletedTask;
    }

    public Task<QueueTicket> RequestListener(string topic, string[] experiences, string? note) =>
        Run(() => _seeker.RequestListener(topic, experiences, note));

    public Task CancelRequest(string requestId) => Run(() => _seeker.CancelRequest(requestId));

    public Task<ListenerProfile> SetAvailable(bool available) => Run(() => Told(_listener.SetAvailable(available)));

    public Task<Conversation> AcceptOffer(string offerId) => Run(() => _listener.AcceptOffer(offerId));

    public Task DeclineOffer(string offerId) => Run(() => _listener.DeclineOffer(offerId));

    public Task<Conversation[]> ListConversations() => Run(() => Task.FromResult(_chats.List()));

    public Task EndConversation(string conversationId) => Run(() => _chats.End(conversationId));

    public Task<Room> JoinRoom(string slug) => Run(() => _rooms.Join(slug));

    public Task LeaveRoom(string slug) => Run(() => _rooms.Leave(slug));

    public Task ApplyBlocks(Contracts.Blocks.BlockChange change) => Run(() => new BlockRole(this, _listener).Apply(change));

    public Task OnRemovedFromRoom(Room room) => _rooms.OnRemoved(room);

    public Task OnTicketUpdated(QueueTicket ticket) => _seeker.OnTicketUpdated(ticket);

    public Task OnOfferMade(Offer offer) => _listener.OnOfferMade(offer);

    public Task OnOfferClosed(string offerId, string reason) => _listener.OnOfferClosed(offerId, reason);

    public Task OnConversationStarted(Conversation conversation, string requestId) => OnStartedInStanding(conversation, requestId);

    public Task OnConversationEnded(ConversationEnded ended, DateTime endedAt) => _chats.OnEnded(ended, endedAt);

    /// <summary>A peer deleted their data: this member's open pages mark that peer's messages in the channel removed.</summary>
    public Task OnPeerRedacted(MessagesRedacted redacted)
    {
        if (S.Exists)
        {
            Notify(n => n.MessagesRedactedFor(MemberId, redacted));
        }

        return Task.CompletedTask;
    }

    public Task OnPeerPresence(PeerPresence presence)
    {
        if (S.Exists && _chats.IsOpen(presence.ConversationId))
        {
            Notify(n => n.PeerPresence(MemberId, presence));
        }

        return Task.CompletedTask;
    }

    public Task OnChannelActivated(string channel)
    {
        Notify(n => n.ChannelJoined(MemberId, channel));
        return _presence.Connected ? _rooms.MarkPresentIn(channel) : Task.CompletedTask;
    }

    private Task<T> Run<T>(Func<Task<T>> action)
    {
        RequireActive();
        return action();
    }

    private Task Run(Func<Task> action)
    {
        RequireActive();
        return action();
    }

    public Member Describe() => new(MemberId, S.Handle!, S.AgeGroup, Roles(), _listener.Profile(), null, [], S.Region, S.Language);

    private string[] Roles()
    {
        List<string> roles = [MemberRoles.Seeker];
        if (S.Listener is not null)
        {
            roles.Add(MemberRoles.Listener);
        }

        if (S.Moderator)
        {
            roles.Add(MemberRoles.Moderator);
        }

        return [.. roles];
    }

    private void RequireMember()
    {
        if (!S.Exists)
        {
            throw MatchChatException.NotFound("This member does not exist. Create a new member to continue.");
        }
    }

    // IMemberContext: what the role classes share.
    public string MemberId => this.GetPrimaryKeyString();

    MemberState IMemberContext.State => state.State;

    WriteThrough<MemberState> IMemberContext.Writes => _writes;

    public void WriteSoon()
    {
        _writes.Defer();
        _deferredWriteTimer ??= this.RegisterGrainTimer(
            _ => WriteDeferred(),
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task WriteDeferred()
    {
        _deferredWriteTimer?.Dispose();
        _deferredWriteTimer = null;
        await _writes.WriteDeferred("a second after a new offer");
    }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    MatchChatTimings IMemberContext.Timings => _timings;

    IGrainFactory IMemberContext.Grains => GrainFactory;

    ILogger IMemberContext.Logger => logger;

    public void Notify(Func<IChatObserver, Task> send) => _presence.Notify(send);

    public void RequireTopic(string slug)
    {
        var topic = topics.Find(slug) ?? throw MatchChatException.NotFound("There is no topic with that name. GET /api/topics lists them.");
        if (!AgeGroups.MayEnter(S.AgeGroup, topic.Audience))
        {
            throw MatchChatException.Forbidden("That topic is not open to your age group.");
        }
    }
}
