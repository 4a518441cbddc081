namespace MatchChat.Contracts.Rooms;

[GenerateSerializer, Immutable, Alias("MatchChat.Room")]
public sealed record Room(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Title,
    [property: Id(3)] string Audience,
    [property: Id(4)] int MemberCount);
