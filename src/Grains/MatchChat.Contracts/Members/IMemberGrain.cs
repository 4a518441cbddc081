using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Network;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Rooms;

namespace MatchChat.Contracts.Members;

/// <summary>Key: member id. Profile, roles, open request, conversations, rooms, presence.</summary>
[Alias("MatchChat.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Region (ISO 3166-1 alpha-2) and language (BCP 47 primary tag) choose the crisis resources; validated by the caller.</summary>
    [Alias("Create")] Task<Member> Create(string handle, string ageGroup, string? region = null, string? language = null);
    [Alias("GetMe"), ReadOnly] Task<Member> GetMe();
    [Alias("GetStanding"), ReadOnly] Task<MemberStanding> GetStanding();

    /// <summary>
    /// The member's own view of a suspension (their <c>POST /api/members/me/standing</c>): its end (null for a ban) and the
    /// reason they are shown; null in good standing. Not found when the member does not exist (deleted or never created).
    /// </summary>
    [Alias("GetSuspension"), ReadOnly] Task<SuspensionNotice?> GetSuspension();

    /// <summary>The operator grants or takes back the moderator role (admin API); idempotent.</summary>
    [Alias("SetModerator")] Task<Member> SetModerator(bool moderator);

    /// <summary>
    /// A moderator suspends the member until <paramref name="until"/> (UTC), or bans them when it is null: the open request is
    /// cancelled, offers withdrawn, conversations ended (reason <c>suspended</c>), rooms left, and every web node holding
    /// their connections is told to close them. The reason is kept with the suspension, never logged. Repeating it replaces the rule.
    /// </summary>
    [Alias("Suspend")] Task Suspend(DateTime? until, string reason);

    /// <summary>Ends a suspension or ban at once; nothing happens when there is none. An open appeal is closed as lifted.</summary>
    [Alias("Unsuspend")] Task Unsuspend();

    // [trust] Appeals (MemberGrain.Appeals.cs): a suspended member asks for a review; a moderator lifts or keeps it.
    /// <summary>Files an appeal of the current suspension (one per suspension): conflict when not suspended or already appealed.</summary>
    [Alias("FileAppeal")] Task<Appeals.Appeal> FileAppeal(string text);

    /// <summary>The appeal of the current suspension (open or decided), or null: the member's view, and the moderators' list.</summary>
    [Alias("GetAppeal"), ReadOnly] Task<Appeals.Appeal?> GetAppeal();

    /// <summary>A moderator decides the open appeal <paramref name="appealId"/>: lift ends the suspension, uphold keeps it.</summary>
    [Alias("DecideAppeal")] Task<Appeals.Appeal> DecideAppeal(string appealId, string decision, string moderatorHandle, string? note);

    /// <summary>
    /// The member deletes their data (PROTOCOL.md "Deletion and retention"): everything is withdrawn and ended (reason
    /// <c>deleted</c>), every message they sent is redacted in storage, and their connections are closed. The handle stays
    /// theirs (never reissued). Deleting again is harmless.
    /// </summary>
    [Alias("Delete")] Task Delete();

    /// <summary>A moderator approves this adult listener's <c>acceptsTeens</c>; conflict for a non-listener, a teen, or an adult who does not accept teens.</summary>
    [Alias("ApproveTeenListener")] Task<ListenerProfile> ApproveTeenListener();

    /// <summary>Undoes the approval (pending again if they still accept teens) and withdraws their open offers of teen seekers at once.</summary>
    [Alias("RevokeTeenListener")] Task<ListenerProfile> RevokeTeenListener();

    /// <summary>A web node now has connections of this member (or renews that it still has).</summary>
    [Alias("Attach")] Task<MemberChannels> Attach(string nodeId, IChatObserver node);

    /// <summary>
    /// A new connection of this member on a web node: as <see cref="Attach"/>, and the open offers and the request's
    /// ticket are sent to that node again even when it already had the member (a second tab, or a reload whose old
    /// connection the node has not closed yet), so the new connection gets them.
    /// </summary>
    [Alias("AttachConnection")] Task<MemberChannels> AttachConnection(string nodeId, IChatObserver node);
    [Alias("Detach")] Task Detach(string nodeId);

    [Alias("RequestListener")] Task<QueueTicket> RequestListener(string topic, string[] experiences, string? note);
    [Alias("CancelRequest")] Task CancelRequest(string requestId);

    /// <summary>[network] <paramref name="bio"/>: the listener's lived experience in their own words (validated by the caller), matched by meaning.</summary>
    [Alias("Volunteer")] Task<ListenerProfile> Volunteer(string[] topics, string[] experiences, int maxConcurrentChats, bool? acceptsTeens, string? bio = null);
    [Alias("SetAvailable")] Task<ListenerProfile> SetAvailable(bool available);
    [Alias("AcceptOffer")] Task<Conversation> AcceptOffer(string offerId);
    [Alias("DeclineOffer")] Task DeclineOffer(string offerId);

    [Alias("ListConversations"), ReadOnly] Task<Conversation[]> ListConversations();
    [Alias("EndConversation")] Task EndConversation(string conversationId);
    [Alias("JoinRoom")] Task<Room> JoinRoom(string slug);
    [Alias("LeaveRoom")] Task LeaveRoom(string slug);

    /// <summary>Whether the member is in the room now: a web node reads it after a join or a leave to put the member's
    /// connections in the room's group, or take them out, as the last change left it.</summary>
    [Alias("InRoom"), ReadOnly] Task<bool> InRoom(string slug);

    /// <summary>From this member's block list only (it never hears back from here): apply the blocks now held.</summary>
    [Alias("ApplyBlocks")] Task ApplyBlocks(BlockChange change);

    // Notifications from queue and conversation grains: one-way, so no call cycle can form.
    [OneWay, Alias("OnTicketUpdated")] Task OnTicketUpdated(QueueTicket ticket);
    [OneWay, Alias("OnOfferMade")] Task OnOfferMade(Offer offer);
    [OneWay, Alias("OnOfferClosed")] Task OnOfferClosed(string offerId, string reason);
    /// <summary>From the conversation grain, to both participants; idempotent per conversation id.</summary>
    [OneWay, Alias("OnConversationStarted")] Task OnConversationStarted(Conversation conversation, string requestId);
    [OneWay, Alias("OnConversationEnded")] Task OnConversationEnded(ConversationEnded ended, DateTime endedAt);

    /// <summary>From the topic queue holding this member's waiting request, at its activation and every QueueWake: wakes
    /// this grain (activating it again if it was lost with its silo) so the seeker's grace period runs.</summary>
    [OneWay, Alias("OnQueueActivated")] Task OnQueueActivated(string topic);

    /// <summary>A moderator removed or banned this member from a room: the room is dropped from their list.</summary>
    [OneWay, Alias("OnRemovedFromRoom")] Task OnRemovedFromRoom(Room room);

    /// <summary>A channel of this member was activated afresh (after a silo loss): its web nodes should subscribe again.</summary>
    [OneWay, Alias("OnChannelActivated")] Task OnChannelActivated(string channel);

    /// <summary>A moderator warned the member (a resolved report): pushed to the member's open connections.</summary>
    [OneWay, Alias("OnWarned")] Task OnWarned(Warned warned);

    // [crisis] (MemberGrain.Crisis.cs): the screen reads the locale; it tells the writer and a conversation's peer one-way.
    // Interleaves: a pure read, which the crisis screen makes while a channel holds a sender's acknowledgement, and that
    // sender's grain may be in a turn waiting for the same channel (ending the conversation just after the message).
    [Alias("GetLocale"), AlwaysInterleave] Task<MemberLocale> GetLocale();

    /// <summary>The member's text read as crisis (pushed, and a waiting request becomes urgent) or concern (pushed at most once an hour).</summary>
    [OneWay, Alias("OnCrisisResources")] Task OnCrisisResources(CrisisResources resources);
    [OneWay, Alias("OnPeerNeedsCare")] Task OnPeerNeedsCare(PeerNeedsCare care);

    /// <summary>The open request's note when it raised <paramref name="alertId"/>, for a moderator's audited read; else null.</summary>
    [Alias("GetWaitingNote"), ReadOnly] Task<WaitingNote?> GetWaitingNote(string alertId);

    /// <summary>The other participant of one of this member's conversations deleted their data: their open pages hear it.</summary>
    [OneWay, Alias("OnPeerRedacted")] Task OnPeerRedacted(MessagesRedacted redacted);

    /// <summary>[network] The listener of one of this member's conversations changed, removed or erased their bio (null).</summary>
    [OneWay, Alias("OnPeerBioChanged")] Task OnPeerBioChanged(string conversationId, string? bio);

    /// <summary>The other participant of one of this member's open conversations went or came back: their pages hear it.</summary>
    [OneWay, Alias("OnPeerPresence")] Task OnPeerPresence(PeerPresence presence);

    /// <summary>
    /// Whether the member has a page open, for a peer's <c>ListConversations</c>: null while this activation cannot know
    /// (new, not yet renewed by a web node). Interleaved: it reads one field.
    /// </summary>
    [Alias("IsOnline"), AlwaysInterleave] Task<bool?> IsOnline();

    // [network] Listening well (MemberGrain.Listening.cs): the listener's guide, the weekly schedule, thanks received.
    /// <summary>Records the first agreement to the listener's guide when <paramref name="agreedNow"/>; true when the member
    /// may volunteer (agreed now or before, or already a listener).</summary>
    [Alias("ConfirmGuide")] Task<bool> ConfirmGuide(bool agreedNow);

    /// <summary>Sets (or with null removes) the listener's weekly schedule; forbidden before volunteering. Validated by the caller.</summary>
    [Alias("SetSchedule")] Task<ListenerProfile> SetSchedule(WeeklySchedule? schedule);

    /// <summary>From a conversation grain: the peer (<paramref name="fromId"/>) thanked this member; <paramref name="asListener"/>
    /// counts it in the listener's stats. Thanks from a member this one blocks are dropped: neither counted nor shown.</summary>
    [OneWay, Alias("OnThanked")] Task OnThanked(Thanked thanked, bool asListener, string fromId);

    // [network] (MemberGrain.Network.cs)
    /// <summary>As <see cref="RequestListener"/>, offered first to <paramref name="preferredListenerId"/> (a contact) if eligible.</summary>
    [Alias("RequestListenerPreferring")]
    Task<QueueTicket> RequestListenerPreferring(string topic, string[] experiences, string? note, string preferredListenerId);

    /// <summary>For a support network. Interleaves: it only reads, and a network may ask while this member's deletion waits on it.</summary>
    [Alias("ContactCard"), AlwaysInterleave] Task<ContactCard> ContactCard();

    /// <summary>
    /// From the member's check-in inbox: pushes <paramref name="due"/> to the attached web nodes. Interleaves: it only reads
    /// presence, and the inbox may ask while this member's deletion waits on the inbox.
    /// </summary>
    [Alias("DeliverCheckIn"), AlwaysInterleave] Task<CheckInDelivery> DeliverCheckIn(string? fromId, CheckInDue due);
}
