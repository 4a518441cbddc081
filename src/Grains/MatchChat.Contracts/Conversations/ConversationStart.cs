using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Conversations;

[GenerateSerializer, Immutable, Alias("MatchChat.ConversationStart")]
public sealed record ConversationStart(
    [property: Id(0)] string Topic,
    [property: Id(1)] string SeekerId,
    [property: Id(2)] string SeekerHandle,
    [property: Id(3)] string ListenerId,
    [property: Id(4)] string ListenerHandle,
    [property: Id(5)] string[] SharedExperiences,
    [property: Id(6)] string RequestId,
    [property: Id(70)] string? MatchReason = null,
    [property: Id(71)] string? ListenerBio = null,
    [property: Id(72)] DateTime? AcceptedAt = null);
