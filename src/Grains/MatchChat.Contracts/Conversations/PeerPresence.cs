namespace MatchChat.Contracts.Conversations;

/// <summary>
/// Addition to the contract (docs/PROTOCOL.md): the other participant of an open conversation lost their last connection
/// (<see cref="Online"/> false: closed every page, or their network went) or is back (true). A client shows it after a
/// few seconds, so a reload does not flicker; messages sent meanwhile wait for them, stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.PeerPresence")]
public sealed record PeerPresence(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Handle,
    [property: Id(2)] bool Online);
