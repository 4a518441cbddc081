using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Matching;

/// <summary>What a topic queue answers when a listener's accept has started the conversation.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MatchResult")]
public sealed record MatchResult(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string SeekerHandle,
    [property: Id(3)] string Topic,
    [property: Id(4)] string[] SharedExperiences,
    [property: Id(5)] DateTime StartedAt);
