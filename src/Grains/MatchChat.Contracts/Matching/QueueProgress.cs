namespace MatchChat.Contracts.Matching;

/// <summary>
/// A topic queue's progress for one priority, broadcast to the seekers waiting in it (one push per topic per web node,
/// not one per seeker). A client holding a <see cref="QueueTicket"/> of the same topic and priority computes its place
/// as <c>ticket.position - (served - ticket.served)</c> when <c>served &gt;= ticket.served</c>, and its estimate as
/// <c>ceil(secondsPerPlace * place)</c>. Whenever that would be wrong (someone behind the seeker left, someone was put
/// ahead of them) the queue sends the seeker a fresh <c>QueueUpdated</c> instead. <see cref="ListenersAvailable"/>: the
/// topic's listeners who are available now and could take an adult's request (on their schedule; their chats may be
/// full), so a page can say plainly that nobody is there rather than show an estimate that only grows (an outside browser
/// probe); <see cref="TeenListenersAvailable"/> the same for a teen's request (teen listeners and adults approved for teens).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.QueueProgress")]
public sealed record QueueProgress(
    [property: Id(0)] string Topic,
    [property: Id(1)] string Priority,
    [property: Id(2)] long Served,
    [property: Id(3)] double? SecondsPerPlace,
    [property: Id(4)] int? ListenersAvailable = null,
    [property: Id(5)] int? TeenListenersAvailable = null);
