namespace MatchChat.Contracts.Members;

/// <summary>What the crisis screen needs of a member: the language hint and the region of their resources (either may be null).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MemberLocale")]
public sealed record MemberLocale(
    [property: Id(0)] string? Region,
    [property: Id(1)] string? Language);
