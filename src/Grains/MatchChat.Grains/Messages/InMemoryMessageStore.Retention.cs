namespace MatchChat.Grains.Messages;

public sealed partial class InMemoryMessageStore
{
    /// <summary>Removes the channel's rows sent before <paramref name="sentBefore"/>, or all of them when it is null (the
    /// retention job); returns how many. Seq never goes back.</summary>
    public long Erase(string channel, DateTime? sentBefore)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return 0;
        }

        lock (log)
        {
            return log.Erase(sentBefore);
        }
    }
}
