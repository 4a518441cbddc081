using MatchChat.Contracts.Members;

namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Reads acknowledged texts for crisis language, off the send path (a stateless worker in every silo): channel
/// grains and member grains call it one-way after the text is stored, so a slow or failing detector never touches the
/// message. Key: always 0.
/// </summary>
[Alias("MatchChat.ICrisisScreenGrain")]
public interface ICrisisScreenGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("Screen")] Task Screen(CrisisText text);

    /// <summary>
    /// The same reading, answered once the alert is stored (the writer's resources, with <paramref name="tellWriter"/>, and
    /// a waiting request's urgency go to the writer's grain one-way, as before). A channel calls it before it acknowledges
    /// a text the phrase screen already read as crisis, so a process that dies after the acknowledgement cannot lose the
    /// alert; the alert's id comes from the text's channel and seq (or request), so reading it again stores none. Returns the
    /// resources the writer is to be shown (null when the text is not crisis or concern), for a caller that tells the
    /// writer itself (a member's own request note; <paramref name="locale"/> then spares a call back to it).
    /// </summary>
    [Alias("ScreenAndWait")] Task<CrisisResources?> ScreenAndWait(CrisisText text, MemberLocale? locale, bool tellWriter, bool resend = false);

    /// <summary>
    /// A listener accepted a request that waited as urgent (its note read as crisis): they get the peer's guidance and
    /// the seeker's local lines (<c>PeerNeedsCare</c>) for the new conversation, as a crisis message in it would give them.
    /// </summary>
    [OneWay, Alias("UrgentRequestAccepted")] Task UrgentRequestAccepted(string conversationId, string seekerId, string listenerId, string topic);
}
