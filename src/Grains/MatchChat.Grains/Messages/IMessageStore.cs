namespace MatchChat.Grains.Messages;

/// <summary>
/// The message log. Channel grains hand out seq and call <see cref="AppendBatchAsync"/> with one batch at a time per
/// channel; an implementation may batch appends from many channels into one transaction (group commit) but must only
/// complete the returned task after the rows are durable.
/// Failures to reach the storage throw <see cref="MessageStoreUnavailableException"/>.
/// </summary>
public interface IMessageStore
{
    /// <summary>Appends the message, or returns the existing row with the same (channel, sender, clientMessageId).</summary>
    Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one channel's messages, offered at consecutive seqs in order, keeping the channel gapless: a row that repeats
    /// a stored (channel, sender, clientMessageId) is not inserted (its entry is that stored row) and the rows after it are
    /// stored one seq lower, so each entry's <see cref="AppendResult.Message"/> carries the seq it was stored at. A null
    /// entry could not be confirmed (it may or may not be stored), nor could any entry after it: the caller reads the
    /// channel's max seq again before offering more. This default appends one row at a time.
    /// </summary>
    async Task<AppendResult?[]> AppendBatchAsync(IReadOnlyList<StoredMessage> rows, CancellationToken cancellationToken = default)
    {
        var results = new AppendResult?[rows.Count];
        long skipped = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                var result = await AppendAsync(skipped == 0 ? rows[i] : rows[i] with { Seq = rows[i].Seq - skipped }, cancellationToken);
                results[i] = result;
                skipped += result.Inserted ? 0 : 1;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Unavailable, or refused: this and the later rows are not confirmed.
                break;
            }
        }

        return results;
    }

    /// <summary>Messages of a channel with afterSeq &lt; seq &lt; beforeSeq (each bound optional), ascending by seq.
    /// With only beforeSeq (or neither), the newest <paramref name="limit"/> below it; with afterSeq, the oldest above it.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The stored message with this (channel, sender, clientMessageId), or null: a send repeated after its
    /// acknowledgement was lost is answered with the original even where a new send is no longer allowed.</summary>
    Task<StoredMessage?> FindAsync(string channel, string senderId, string clientMessageId, CancellationToken cancellationToken = default);

    /// <summary>The highest stored seq of a channel, 0 when it has none.</summary>
    Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the text of every message <paramref name="senderId"/> sent, in every channel: each row keeps its channel, seq,
    /// handle and time, with empty text and <see cref="StoredMessage.Redacted"/> set, so history stays gapless. Safe to
    /// repeat. Returns how many rows were redacted by this call.
    /// </summary>
    Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the text of one message (a moderator removed it): the row keeps its seq, sender, handle and time, with empty
    /// text and <see cref="StoredMessage.Redacted"/> set. Safe to repeat. Returns the row as it now is, or null when the
    /// channel has no message at <paramref name="seq"/>.
    /// </summary>
    Task<StoredMessage?> RedactMessageAsync(string channel, long seq, CancellationToken cancellationToken = default);
}
