using MatchChat.Contracts.Messaging;

namespace MatchChat.Contracts.Members;

/// <summary>
/// The channels a member's connections belong to, and the age group for room audiences. <see cref="BlockedIds"/>: the
/// members this member blocked, whose messages the web node leaves out of this member's pushes (server side only).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MemberChannels")]
public sealed record MemberChannels(
    [property: Id(0)] string Handle,
    [property: Id(1)] string AgeGroup,
    [property: Id(2)] string[] Channels,
    [property: Id(20)] string[]? BlockedIds = null);
