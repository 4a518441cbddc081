using System.Collections.Concurrent;

namespace MatchChat.Grains.Messages;

/// <summary>The embedded default: messages live as long as the process.</summary>
public sealed partial class InMemoryMessageStore : IMessageStore
{
    private readonly ConcurrentDictionary<string, ChannelLog> _channels = new();

    public Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken = default)
    {
        var log = _channels.GetOrAdd(message.Channel, _ => new ChannelLog());
        lock (log)
        {
            var key = (message.SenderId, message.ClientMessageId);
            if (log.ByClientId.TryGetValue(key, out var existing))
            {
                return Task.FromResult(new AppendResult(false, existing));
            }

            if (log.Rows.Count > 0 && log.Rows[^1].Seq >= message.Seq)
            {
                throw new InvalidOperationException("seq must grow within a channel");
            }

            log.Rows.Add(message);
            log.ByClientId[key] = message;
            return Task.FromResult(new AppendResult(true, message));
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
            var range = log.Rows.Where(m => (afterSeq is null || m.Seq > afterSeq) && (beforeSeq is null || m.Seq < beforeSeq));
            var page = afterSeq is null ? range.TakeLast(limit) : range.Take(limit);
            return Task.FromResult<IReadOnlyList<StoredMessage>>(page.ToArray());
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
            return Task.FromResult(log.Rows.Count == 0 ? log.ErasedUpTo : log.Rows[^1].Seq);
        }
    }

    public Task<long> RedactSenderAsync(string senderId, CancellationToken cancellationToken = default)
    {
        long redacted = 0;
        foreach (var log in _channels.Values)
        {
            lock (log)
            {
                for (var i = 0; i < log.Rows.Count; i++)
                {
                    var row = log.Rows[i];
                    if (row.SenderId == senderId && !row.Redacted)
                    {
                        var erased = row with { Text = "", Redacted = true };
                        log.Rows[i] = erased;
                        log.ByClientId[(row.SenderId, row.ClientMessageId)] = erased;
                        redacted++;
                    }
                }
            }
        }

        return Task.FromResult(redacted);
    }

    private sealed class ChannelLog
    {
        public List<StoredMessage> Rows { get; } = [];
        public Dictionary<(string SenderId, string ClientMessageId), StoredMessage> ByClientId { get; } = [];

        /// <summary>The highest seq the retention job erased, so seq keeps growing after a channel was emptied.</summary>
        public long ErasedUpTo { get; set; }
    }
}
