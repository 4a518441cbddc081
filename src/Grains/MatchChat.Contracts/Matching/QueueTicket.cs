using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Matching;

/// <summary>A seeker's place in a topic queue. Status is one of <see cref="TicketStatus"/>; priority <c>normal</c> or <c>urgent</c> ([crisis]).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.QueueTicket")]
public sealed record QueueTicket(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Topic,
    [property: Id(2)] string Status,
    [property: Id(3)] int? Position,
    [property: Id(4)] int? EstimatedWaitSeconds,
    [property: Id(30)] string Priority = Priorities.Normal);
