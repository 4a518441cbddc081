namespace MatchChat.Contracts.Gratitude;

/// <summary>
/// PROTOCOL.md <c>ListenerProfile.stats</c>: only ever in the listener's own view of themself. <see cref="Conversations"/>
/// counts the conversations they listened in, <see cref="Thanked"/> the thanks their seekers gave them, and
/// <see cref="AverageRating"/> those thanks' mean rating (null before the first).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ListenerStats")]
public sealed record ListenerStats(
    [property: Id(0)] int Conversations,
    [property: Id(1)] int Thanked,
    [property: Id(2)] double? AverageRating);
