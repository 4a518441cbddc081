using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Push;
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

    /// <summary>The operator grants or takes back the moderator role (admin API); idempotent.</summary>
    [Alias("SetModerator")] Task<Member> SetModerator(bool moderator);

    /// <summary>A web node now has connections of this member (or renews that it still has).</summary>
    [Alias("Attach")] Task<MemberChannels> Attach(string nodeId, IChatObserver node);
    [Alias("Detach")] Task Detach(string nodeId);

    [Alias("RequestListener")] Task<QueueTicket> RequestListener(string topic, string[] experiences, string? note);
    [Alias("CancelRequest")] Task CancelRequest(string requestId);

    [Alias("Volunteer")] Task<ListenerProfile> Volunteer(string[] topics, string[] experiences, int maxConcurrentChats, bool acceptsTeens);
    [Alias("SetAvailable")] Task<ListenerProfile> SetAvailable(bool available);
    [Alias("AcceptOffer")] Task<Conversation> AcceptOffer(string offerId);
    [Alias("DeclineOffer")] Task DeclineOffer(string offerId);

    [Alias("ListConversations"), ReadOnly] Task<Conversation[]> ListConversations();
    [Alias("EndConversation")] Task EndConversation(string conversationId);
    [Alias("JoinRoom")] Task<Room> JoinRoom(string slug);
    [Alias("LeaveRoom")] Task LeaveRoom(string slug);

    // Notifications from queue and conversation grains: one-way, so no call cycle can form.
    [OneWay, Alias("OnTicketUpdated")] Task OnTicketUpdated(QueueTicket ticket);
    [OneWay, Alias("OnOfferMade")] Task OnOfferMade(Offer offer);
    [OneWay, Alias("OnOfferClosed")] Task OnOfferClosed(string offerId, string reason);
    /// <summary>From the conversation grain, to both participants; idempotent per conversation id.</summary>
    [OneWay, Alias("OnConversationStarted")] Task OnConversationStarted(Conversation conversation, string requestId);
    [OneWay, Alias("OnConversationEnded")] Task OnConversationEnded(ConversationEnded ended, DateTime endedAt);

    /// <summary>A channel of this member was activated afresh (after a silo loss): its web nodes should subscribe again.</summary>
    [OneWay, Alias("OnChannelActivated")] Task OnChannelActivated(string channel);

    // [crisis] (MemberGrain.Crisis.cs): the screen reads the locale; it tells the writer and a conversation's peer one-way.
    [Alias("GetLocale"), ReadOnly] Task<MemberLocale> GetLocale();

    /// <summary>The member's text read as crisis (pushed, and a waiting request becomes urgent) or concern (pushed at most once an hour).</summary>
    [OneWay, Alias("OnCrisisResources")] Task OnCrisisResources(CrisisResources resources);
    [OneWay, Alias("OnPeerNeedsCare")] Task OnPeerNeedsCare(PeerNeedsCare care);
}
