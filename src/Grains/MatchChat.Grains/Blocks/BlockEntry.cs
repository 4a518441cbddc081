namespace MatchChat.Grains.Blocks;

/// <summary>One block: who (member id and handle, never sent to clients together) and since when.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.BlockEntry")]
public sealed record BlockEntry(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Handle,
    [property: Id(2)] DateTime BlockedAt);
