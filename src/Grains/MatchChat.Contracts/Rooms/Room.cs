namespace MatchChat.Contracts.Rooms;

/// <summary>A topic room (PROTOCOL.md `Room`, version 1.1): <see cref="Joined"/> is the caller's; <see cref="PresentCount"/>
/// counts joined members with an open connection.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Room")]
public sealed record Room(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Title,
    [property: Id(3)] string Audience,
    [property: Id(4)] int MemberCount,
    [property: Id(5)] bool Joined = false,
    [property: Id(6)] int PresentCount = 0);
