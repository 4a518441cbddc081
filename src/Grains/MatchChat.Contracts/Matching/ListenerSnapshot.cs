using MatchChat.Contracts.Listening;

namespace MatchChat.Contracts.Matching;

/// <summary>
/// A listener as a topic queue sees it; pushed by the listener's member grain on every change.
/// <see cref="Blocked"/>: the member ids this listener has blocked (null: none), never offered their requests.
/// <see cref="Meaning"/> ([network]): the vectors of the listener's bio and tags (null: tags only).
/// <see cref="TeenApproved"/>: an adult whose <see cref="AcceptsTeens"/> a moderator approved (only then offered teen seekers).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ListenerSnapshot")]
public sealed record ListenerSnapshot(
    [property: Id(0)] string ListenerId,
    [property: Id(1)] string AgeGroup,
    [property: Id(2)] string[] Experiences,
    [property: Id(3)] int MaxConcurrentChats,
    [property: Id(4)] int ActiveChats,
    [property: Id(5)] bool AcceptsTeens,
    [property: Id(6)] bool Available,
    [property: Id(7)] DateTime? LastAssignedAt,
    [property: Id(8)] string[] Topics,
    [property: Id(9)] bool TeenApproved = false,
    [property: Id(20)] string[]? Blocked = null,
    [property: Id(70)] ListenerMeaning? Meaning = null)
{
    /// <summary>[network] The listener's weekly schedule (null: none); <c>MatchingPolicy</c> checks it against the queue's clock.</summary>
    [Id(30)] public WeeklySchedule? Schedule { get; init; }
}
