using MatchChat.Contracts.Messaging;

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
    bool Redacted = false)
{
    /// <summary>The client's view: no sender id; a redacted row says so (an outside probe saw a moderator's alert context
    /// show erased messages as plain empty ones).</summary>
    public Message ToMessage() => new(Channel, Seq, SenderHandle, Text, SentAt, ClientMessageId, Redacted);
}
