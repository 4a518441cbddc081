namespace MatchChat.Contracts.Members;

[GenerateSerializer, Immutable, Alias("MatchChat.ListenerProfile")]
public sealed record ListenerProfile(
    [property: Id(0)] string[] Topics,
    [property: Id(1)] string[] Experiences,
    [property: Id(2)] int MaxConcurrentChats,
    [property: Id(3)] bool AcceptsTeens,
    [property: Id(4)] bool Available,
    [property: Id(5)] int ActiveChats);
