namespace MatchChat.Grains.Messages;

/// <summary>One row of the append-only message log, keyed (Channel, Seq), unique on (Channel, SenderId, ClientMessageId).
/// <see cref="Redacted"/>: the sender deleted their data; the text is erased (empty) and the row keeps its seq.</summary>
public sealed record StoredMessage(
    string Channel,
    long Seq,
    string SenderId,
    string SenderHandle,
    string ClientMessageId,
    string Text,
    DateTime SentAt,
    bool Redacted = false);
