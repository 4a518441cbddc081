namespace MatchChat.Contracts.Blocks;

/// <summary>What <c>ListBlocked()</c> answers: someone the caller blocked, by handle only.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.BlockedMember")]
public sealed record BlockedMember(
    [property: Id(0)] string Handle,
    [property: Id(1)] DateTime BlockedAt);
