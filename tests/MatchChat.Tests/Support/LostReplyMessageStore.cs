using System.Collections.Concurrent;
using MatchChat.Grains.Messages;

namespace MatchChat.Tests.Support;

/// <summary>
/// The real in-memory store with one fault a database can cause: the write commits, then the reply is lost
/// (the server died between commit and answer). Armed per clientMessageId; everything else passes through.
/// </summary>
internal sealed class LostReplyMessageStore(IMessageStore inner) : IMessageStore
{
    private readonly ConcurrentDictionary<string, bool> _armed = new();

    /// <summary>The next append with this clientMessageId is stored, then reported as unavailable.</summary>
    public void LoseReplyTo(string clientMessageId) => _armed[clientMessageId] = true;

    public async Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default)
    {
        var result = await inner.AppendAsync(message, cancellationToken);
        return _armed.TryRemove(message.ClientMessageId, out _)
            ? throw new MessageStoreUnavailableException("the connection closed after the commit")
            : result;
    }

    public Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(channel, afterSeq, beforeSeq, limit, cancellationToken);

    public Task<StoredMessage?> FindAsync(string channel, string senderId, string clientMessageId, CancellationToken cancellationToken = default) =>
        inner.FindAsync(channel, senderId, clientMessageId, cancellationToken);

    public Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default) =>
        inner.GetMaxSeqAsync(channel, cancellationToken);

    private readonly ConcurrentDictionary<string, bool> _failRedaction = new();

    /// <summary>The next redaction of this sender fails as a store outage would, before erasing anything.</summary>
    public void FailNextRedactionOf(string senderId) => _failRedaction[senderId] = true;

    public Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default) =>
        _failRedaction.TryRemove(senderId, out _)
            ? throw new MessageStoreUnavailableException("the store did not answer")
            : inner.RedactSenderAsync(senderId, cancellationToken);

    public Task<StoredMessage?> RedactMessageAsync(string channel, long seq, CancellationToken cancellationToken = default) =>
        inner.RedactMessageAsync(channel, seq, cancellationToken);
}
