using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Network;

namespace MatchChat.Contracts.Conversations;

/// <summary>
/// Key: conversation id, derived by the topic queue from the request id and the start attempt, so that a repeated
/// start is harmless and "did it land?" is answered by asking. Two participants, status, next seq; messages live in
/// the message store.
/// </summary>
[Alias("MatchChat.IConversationGrain")]
public interface IConversationGrain : IChannelGrain
{
    /// <summary>Starts the conversation and tells both members (once each; a repeat tells them again, harmlessly).</summary>
    [Alias("Start")] Task<StartOutcome> Start(ConversationStart start);

    /// <summary>
    /// A start whose outcome the queue does not know: true when it had started (the match stands; both members are
    /// told again), false when it had not, in which case this id is given up for good and a late start is refused.
    /// </summary>
    [Alias("Abandon")] Task<bool> Abandon();

    [Alias("End")] Task End(string memberId, string reason);

    /// <summary>A moderator revoked the listener's approval to hear teens: the conversation ends (reason <c>ended</c>, by
    /// <c>system</c>) when its seeker is a teen; nothing otherwise, or when the caller is not its listener.</summary>
    [Alias("EndIfSeekerIsTeen")] Task EndIfSeekerIsTeen(string listenerId);

    /// <summary>A participant's last connection went (false) or one came back (true): the other participant's pages hear
    /// <c>PeerPresence</c>. Nothing for an ended conversation or a non-participant.</summary>
    [OneWay, Alias("PresenceChanged")] Task PresenceChanged(string memberId, bool online);

    /// <summary>For a participant's <c>ListConversations</c>: whether the other participant has a page open now (null: an
    /// ended conversation, a non-participant, or not known within a second). Interleaved: it reads the two ids only.</summary>
    [Alias("PeerOnline"), AlwaysInterleave] Task<bool?> PeerOnline(string memberId);

    /// <summary>[network] A participant thanks the other (any time, also after the end), once per rater: conflict the second time.
    /// Rating and note are validated by the caller.</summary>
    [Alias("Thank")] Task Thank(string memberId, int rating, string? note);

    /// <summary>[network] The listener changed or removed their bio, or deleted their data (null): the seeker's view of this
    /// conversation (<c>peerBio</c>) follows, ended or not. Nothing for anyone but the conversation's listener.</summary>
    [OneWay, Alias("ListenerBioChanged")] Task ListenerBioChanged(string memberId, string? bio);

    /// <summary>[network] The other participant, for a participant only (forbidden otherwise, not_found when there is no conversation).</summary>
    [Alias("PeerOf"), ReadOnly] Task<ConversationPeer> PeerOf(string memberId);

    /// <summary>
    /// Whether the conversation is still open for a member, asked when an event may have been lost: by a web node about
    /// to let go of a conversation the member's grain no longer lists (<paramref name="tellMember"/>: when open and
    /// theirs, the member's grain is told of it again, as at the start, since it lost its record: a best-effort write
    /// that failed before a reload), and by a member's grain re-sending its open conversations. Ended: the end as this
    /// member would have heard it. Neither for a non-participant or no conversation; never an error.
    /// </summary>
    [Alias("Confirm"), ReadOnly] Task<ConversationCheck> Confirm(string memberId, bool tellMember);
}
