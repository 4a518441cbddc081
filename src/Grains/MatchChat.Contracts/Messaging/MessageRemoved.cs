namespace MatchChat.Contracts.Messaging;

/// <summary>
/// Addition to the contract (docs/PROTOCOL.md, "Removing a room message"): a moderator removed the message at
/// <see cref="Seq"/> in <see cref="Channel"/>, which <see cref="Handle"/> sent. Its text is erased; a page shows it as
/// removed, as <c>GetHistory</c> now answers it (<c>redacted: true</c>, text empty).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MessageRemoved")]
public sealed record MessageRemoved(
    [property: Id(0)] string Channel,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Handle);
