using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Matching;

/// <summary>
/// A seeker's place in a topic queue. Status is one of <see cref="TicketStatus"/>; priority <c>normal</c> or <c>urgent</c> ([crisis]).
/// <see cref="Served"/> is the queue's served count for this priority when <see cref="Position"/> was computed: with a
/// later <see cref="QueueProgress"/> the client moves the position on by itself (see there).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.QueueTicket")]
public sealed record QueueTicket(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Topic,
    [property: Id(2)] string Status,
    [property: Id(3)] int? Position,
    [property: Id(4)] int? EstimatedWaitSeconds,
    [property: Id(30)] string Priority = Priorities.Normal,
    [property: Id(31)] long Served = 0);
