using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Conversations;

/// <summary>
/// A conversation as one participant sees it; <see cref="Role"/> is the caller's. [network] <see cref="MatchReason"/>: why
/// these two were matched (<c>shared: loss-of-parent</c>, <c>similar experience</c>, or null); <see cref="PeerBio"/>: the
/// listener's bio, in the seeker's view only. <see cref="RequestId"/>: the request this conversation answered, in the
/// seeker's view only (their own request's id; null in the listener's view and in records stored before stop 49), so a
/// page tells the answer to its open request from an older conversation of theirs that it learns of later.
/// <see cref="PeerOnline"/>: in <c>ListConversations</c> only, for an open conversation: whether the other participant
/// has a page open (null: not known, or anywhere else); never stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Conversation")]
public sealed record Conversation(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Topic,
    [property: Id(3)] string PeerHandle,
    [property: Id(4)] string Role,
    [property: Id(5)] string[] SharedExperiences,
    [property: Id(6)] DateTime StartedAt,
    [property: Id(7)] DateTime? EndedAt,
    [property: Id(70)] string? MatchReason = null,
    [property: Id(71)] string? PeerBio = null,
    [property: Id(72)] string? RequestId = null,
    [property: Id(73)] bool? PeerOnline = null);
