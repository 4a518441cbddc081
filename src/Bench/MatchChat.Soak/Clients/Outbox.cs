namespace MatchChat.Soak.Clients;

/// <summary>
/// Messages written but not yet acknowledged, oldest first, as the page's outbox.js: each keeps its clientMessageId
/// and is sent again with it until the server returns its Message.
/// </summary>
public sealed class Outbox
{
    private readonly List<Item> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public Item Add(string channel, string text)
    {
        var item = new Item(channel, Guid.NewGuid().ToString("N"), text);
        lock (_items)
        {
            _items.Add(item);
        }

        return item;
    }

    public IReadOnlyList<Item> Snapshot()
    {
        lock (_items)
        {
            return _items.ToList();
        }
    }

    public int CountFor(string channel)
    {
        lock (_items)
        {
            return _items.Count(i => i.Channel == channel);
        }
    }

    public void Remove(Item item)
    {
        lock (_items)
        {
            _items.Remove(item);
        }
    }

    public sealed class Item(string channel, string clientMessageId, string text)
    {
        public string Channel { get; } = channel;
        public string ClientMessageId { get; } = clientMessageId;
        public string Text { get; } = text;
        public int Failures { get; set; }
        public TimeSpan? FirstFailureAt { get; set; }
    }
}
