using System.Collections.Concurrent;
using MatchChat.Grains.Messages;

namespace MatchChat.Grains.Retention;

/// <summary>The embedded default, over the in-memory message log (another message store is left alone).</summary>
public sealed class InMemoryRetentionStore(IMessageStore messages) : IRetentionStore
{
    private readonly ConcurrentDictionary<string, DateTime> _endings = new(StringComparer.Ordinal);

    public Task RecordConversationEndedAsync(string channel, DateTime endedAt, CancellationToken cancellationToken = default)
    {
        _endings.TryAdd(channel, endedAt);
        return Task.CompletedTask;
    }

    public Task<long> EraseEndedConversationsAsync(DateTime endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        foreach (var (channel, endedAt) in _endings)
        {
            if (endedAt < endedBefore)
            {
                erased += (messages as InMemoryMessageStore)?.Erase(channel, sentBefore: null) ?? 0;
                _endings.TryRemove(channel, out _);
            }
        }

        return Task.FromResult(erased);
    }

    public Task<long> EraseRoomMessagesAsync(IReadOnlyList<string> roomChannels, DateTime sentBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        long erased = 0;
        foreach (var channel in roomChannels)
        {
            erased += (messages as InMemoryMessageStore)?.Erase(channel, sentBefore) ?? 0;
        }

        return Task.FromResult(erased);
    }
}
