namespace MatchChat.Grains.Network;

/// <summary>One trusted contact: who (member id and handle; the pair never leaves the server), since when, last talked.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ContactEntry")]
public sealed record ContactEntry(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Handle,
    [property: Id(2)] DateTime AddedAt,
    [property: Id(3)] DateTime LastTalkedAt);
