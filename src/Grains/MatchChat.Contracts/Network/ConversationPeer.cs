namespace MatchChat.Contracts.Network;

/// <summary>The other participant of a conversation, as its conversation grain tells one participant (server-side only).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ConversationPeer")]
public sealed record ConversationPeer(
    [property: Id(0)] string PeerId,
    [property: Id(1)] string PeerHandle,
    [property: Id(2)] DateTime StartedAt);
