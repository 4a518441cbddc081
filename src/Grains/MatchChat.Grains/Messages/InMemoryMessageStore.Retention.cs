namespace MatchChat.Grains.Messages;

public sealed partial class InMemoryMessageStore
{
    /// <summary>Removes the channel's rows that match (the retention job); returns how many. Seq never goes back.</summary>
    public long Erase(string channel, Func<StoredMessage, bool> which)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            return 0;
        }

        lock (log)
        {
            var erased = log.Rows.Where(which).ToArray();
            foreach (var row in erased)
            {
                log.ByClientId.Remove((row.SenderId, row.ClientMessageId));
                log.ErasedUpTo = Math.Max(log.ErasedUpTo, row.Seq);
            }

            log.Rows.RemoveAll(row => which(row));
            return erased.Length;
        }
    }
}
