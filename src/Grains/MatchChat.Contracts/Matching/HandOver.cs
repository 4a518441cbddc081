using MatchChat.Contracts.Conversations;

namespace MatchChat.Contracts.Matching;

/// <summary>
/// What a topic queue answers when a listener's accept is recorded: the request is marked starting, and the
/// listener's member grain starts the conversation (<see cref="ConversationId"/> is derived from the request id and
/// <see cref="Attempt"/>, so a repeated start is harmless) and reports how it went (<see cref="ITopicQueueGrain.Started"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.HandOver")]
public sealed record HandOver(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] ConversationStart Start,
    [property: Id(3)] DateTime AcceptedAt);
