namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Contract type <c>Alert</c>: a crisis flag for moderators. Holds no text: the flagged message is read with the audited
/// <c>GetAlertContext</c>. <see cref="Source"/> is <c>note</c> or <c>message</c>; <see cref="Status"/> <c>open</c> or <c>acknowledged</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Alert")]
public sealed record Alert(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string? Channel,
    [property: Id(3)] long? Seq,
    [property: Id(4)] string Source,
    [property: Id(5)] string Level,
    [property: Id(6)] DateTime CreatedAt,
    [property: Id(7)] string Status,
    [property: Id(8)] string? AcknowledgedBy);
