using System.Collections.Concurrent;

namespace MatchChat.Grains.Messages;

/// <summary>The embedded default: messages live as long as the process, each channel in a compact
/// <see cref="InMemoryChannelLog"/>.</summary>
public sealed partial class InMemoryMessageStore : IMessageStore
{
    private readonly ConcurrentDictionary<string, InMemoryChannelLog> _channels = new(StringComparer.Ordinal);

    public Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default)
    {
        var log = _channels.GetOrAdd(message.Channel, channel => new InMemoryChannelLog(channel));
        lock (log)
        {
            return Task.FromResult(log.TryAdd(message, out var existing) ? new AppendResult(true, message) : new AppendResult(false, existing));
        }
    }

    public Task<IReadOnlyList<StoredMessage>> ReadAsync(string channel, long? afterSeq, long? beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return Task.FromResult<IReadOnlyList<StoredMessage>>([]);
        }

        lock (log)
        {
            return Task.FromResult<IReadOnlyList<StoredMessage>>(log.Read(afterSeq, beforeSeq, limit));
        }
    }

    public Task<StoredMessage?> FindAsync(string channel, string senderId, string clientMessageId, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return Task.FromResult<StoredMessage?>(null);
        }

        lock (log)
        {
            return Task.FromResult(log.Find(senderId, clientMessageId));
        }
    }

    public Task<long> GetMaxSeqAsync(string channel, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return Task.FromResult(0L);
        }

        lock (log)
        {
            return Task.FromResult(log.MaxSeq);
        }
    }

    public Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default)
    {
        long redacted = 0;
        foreach (var log in _channels.Values)
        {
            lock (log)
            {
                redacted += log.Redact(senderId);
            }
        }

        return Task.FromResult(redacted);
    }

    public Task<StoredMessage?> RedactMessageAsync(string channel, long seq, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return Task.FromResult<StoredMessage?>(null);
        }

        lock (log)
        {
            return Task.FromResult(log.RedactAt(seq));
        }
    }
}
