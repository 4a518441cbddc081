using MatchChat.Contracts.Messaging;

namespace MatchChat.Contracts.Members;

/// <summary>The channels a member's connections belong to, and the age group for room audiences.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MemberChannels")]
public sealed record MemberChannels(
    [property: Id(0)] string Handle,
    [property: Id(1)] string AgeGroup,
    [property: Id(2)] string[] Channels);
