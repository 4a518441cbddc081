using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Conversations;

/// <summary>A conversation as one participant sees it; <see cref="Role"/> is the caller's.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Conversation")]
public sealed record Conversation(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Topic,
    [property: Id(3)] string PeerHandle,
    [property: Id(4)] string Role,
    [property: Id(5)] string[] SharedExperiences,
    [property: Id(6)] DateTime StartedAt,
    [property: Id(7)] DateTime? EndedAt);
