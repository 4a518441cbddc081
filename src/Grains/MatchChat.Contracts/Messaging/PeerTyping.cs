namespace MatchChat.Contracts.Messaging;

[GenerateSerializer, Immutable, Alias("MatchChat.PeerTyping")]
public sealed record PeerTyping(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Handle);
