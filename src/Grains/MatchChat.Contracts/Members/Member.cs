using MatchChat.Contracts.Matching;

namespace MatchChat.Contracts.Members;

/// <summary>
/// A member as the member sees themself (PROTOCOL.md `Member`, version 1.1): with the open request's current ticket
/// and the offers still open, so a client that reconnects learns its state without waiting for events.
/// Region and language come with the crisis resources (not yet set: null).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Member")]
public sealed record Member(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string AgeGroup,
    [property: Id(3)] string[] Roles,
    [property: Id(4)] ListenerProfile? Listener,
    [property: Id(5)] QueueTicket? OpenRequest = null,
    [property: Id(6)] Offer[]? PendingOffers = null,
    [property: Id(7)] string? Region = null,
    [property: Id(8)] string? Language = null);
