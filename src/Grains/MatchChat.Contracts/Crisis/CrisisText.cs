namespace MatchChat.Contracts.Crisis;

/// <summary>
/// A text handed to <see cref="ICrisisScreenGrain"/> after it was acknowledged: who wrote it, in which role
/// (<c>seeker</c>, <c>listener</c> or <c>room</c>), where (a stored message's channel and seq, or a request), and the
/// topic (for topic-specific resources). <see cref="PeerId"/> and <see cref="ConversationId"/> only for conversations.
/// Never logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.CrisisText")]
public sealed record CrisisText(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string Text,
    [property: Id(3)] string Source,
    [property: Id(4)] string Role,
    [property: Id(5)] string? Topic,
    [property: Id(6)] string? Channel = null,
    [property: Id(7)] long? Seq = null,
    [property: Id(8)] string? ConversationId = null,
    [property: Id(9)] string? PeerId = null,
    [property: Id(10)] string? RequestId = null);
