namespace MatchChat.Contracts.Messaging;

/// <summary>
/// Addition to the contract (docs/PROTOCOL.md, "Deletion"): every message <see cref="Handle"/> sent in <see cref="Channel"/>
/// has been erased (they deleted their data). A page that shows them replaces their text with "removed", as
/// <c>GetHistory</c> now answers them (<c>redacted: true</c>, text empty).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MessagesRedacted")]
public sealed record MessagesRedacted(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Handle);
