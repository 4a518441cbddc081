namespace MatchChat.Contracts.Blocks;

/// <summary>
/// From a member's block list to their member grain: every member id they block now, and the handle of the one
/// just blocked (null after an unblock), whose conversations with them end.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.BlockChange")]
public sealed record BlockChange(
    [property: Id(0)] string[] BlockedIds,
    [property: Id(1)] string? BlockedHandle);
