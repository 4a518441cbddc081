namespace MatchChat.Grains.Messages;

/// <summary>
/// The message log. Channel grains hand out seq and call <see cref="AppendAsync"/> one message at a time per channel;
/// an implementation may batch appends from many channels into one transaction (group commit) but must only
/// complete the returned task after the row is durable.
/// Failures to reach the storage throw <see cref="MessageStoreUnavailableException"/>.
/// </summary>
public interface IMessageStore
{
    /// <summary>Appends the message, or returns the existing row with the same (channel, sender, clientMessageId).</summary>
    Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default);

    /// <summary>Messages of a channel with afterSeq &lt; seq &lt; beforeSeq (each bound optional), ascending by seq.
    /// With only beforeSeq (or neither), the newest <paramref name="limit"/> below it; with afterSeq, the oldest above it.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest stored seq of a channel, 0 when it has none.</summary>
    Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the text of every message <paramref name="senderId"/> sent, in every channel: each row keeps its channel, seq,
    /// handle and time, with empty text and <see cref="StoredMessage.Redacted"/> set, so history stays gapless. Safe to
    /// repeat. Returns how many rows were redacted by this call.
    /// </summary>
    Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default);
}
