namespace MatchChat.Grains.Messages;

/// <summary>One row of the append-only message log, keyed (Channel, Seq), unique on (Channel, SenderId, ClientMessageId).</summary>
public sealed record StoredMessage(
    string Channel,
    long Seq,
    string SenderId,
    string SenderHandle,
    string ClientMessageId,
    string Text,
    DateTime SentAt);
