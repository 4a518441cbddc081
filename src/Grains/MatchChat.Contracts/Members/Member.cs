namespace MatchChat.Contracts.Members;

/// <summary>A member as the member sees themself (PROTOCOL.md `Member`).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Member")]
public sealed record Member(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string AgeGroup,
    [property: Id(3)] string[] Roles,
    [property: Id(4)] ListenerProfile? Listener);
