using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Rooms;


namespace MatchChat.Web.Clients;

/// <summary>Server-to-client events (PROTOCOL.md, "Events").</summary>
public interface IChatClient
{
    Task QueueUpdated(QueueTicket ticket);
    Task QueueProgress(QueueProgress progress);
    Task OfferReceived(Offer offer);
    Task OfferWithdrawn(OfferWithdrawn withdrawn);
    Task Matched(Conversation conversation);
    Task MessageReceived(Message message);
    Task PeerTyping(PeerTyping typing);
    Task ConversationEnded(ConversationEnded ended);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): the peer of an open conversation went or came back.</summary>
    Task PeerPresence(PeerPresence presence);
    Task RoomUpdated(Room room);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): a member deleted their data; their messages in the channel are
    /// erased, and a page shows them as removed.</summary>
    Task MessagesRedacted(MessagesRedacted redacted);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): a moderator removed one room message; a page shows it as removed.</summary>
    Task MessageRemoved(MessageRemoved removed);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): a moderator muted or unmuted the member in a room.</summary>
    Task MutedInRoom(MutedInRoom muted);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): the member's own roles or listener profile changed by someone else
    /// (the operator granted or revoked the moderator role, a moderator approved or revoked teen listening).</summary>
    Task MemberUpdated(Member member);

    Task Warned(Warned warned);

    /// <summary>Addition to the contract (docs/PROTOCOL.md): a moderator suspended (until set) or banned (until null) the member;
    /// sent to their open pages just before their connections close.</summary>
    Task Suspended(SuspensionNotice notice);

    /// <summary>To moderators: a report was filed (evidence <c>[]</c>: moderators read it with the audited ListReports).</summary>
    Task ReportFiled(Report report);

    // [crisis]
    Task CrisisResources(CrisisResources resources);
    Task PeerNeedsCare(PeerNeedsCare care);
    Task CrisisAlert(Alert alert);

    /// <summary>To moderators: an alert changed (acknowledged), so no one takes it up twice. Never carries the note.</summary>
    Task AlertUpdated(Alert alert);

    // [network]
    Task Thanked(Thanked thanked);
    Task CheckInDue(CheckInDue due);
}
