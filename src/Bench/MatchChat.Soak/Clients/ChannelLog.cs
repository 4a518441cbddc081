namespace MatchChat.Soak.Clients;

/// <summary>
/// One client's copy of a channel, by seq, as the page keeps it (channels.js): every seq up to
/// <see cref="Contiguous"/> is held; a live message beyond <c>Contiguous + 1</c> is a gap to fill from GetHistory.
/// </summary>
public sealed class ChannelLog(string channel)
{
    private readonly Dictionary<long, Held> _held = [];

    public string Channel { get; } = channel;

    /// <summary>One catch-up per channel at a time.</summary>
    public SemaphoreSlim CatchUpGate { get; } = new(1, 1);

    public long Contiguous { get; private set; }

    public bool Loaded { get; set; }

    /// <summary>A seq held with one clientMessageId, then seen with another: the server reused a seq.</summary>
    public int SeqConflicts { get; private set; }

    /// <summary>Adds a pushed message; true when it shows a gap (something before it is missing).</summary>
    public bool AddLive(Message message)
    {
        lock (_held)
        {
            Add(message, live: true);
            return Loaded && message.Seq > Contiguous + 1;
        }
    }

    /// <summary>Adds one GetHistory answer (ascending); every seq up to its last is known afterwards (seq is gapless).</summary>
    public void AddHistory(IReadOnlyList<Message> batch)
    {
        lock (_held)
        {
            foreach (var message in batch)
            {
                Add(message, live: false);
            }

            if (batch.Count > 0)
            {
                Contiguous = Math.Max(Contiguous, batch[^1].Seq);
                Advance();
            }
        }
    }

    public Held? Get(long seq)
    {
        lock (_held)
        {
            return _held.TryGetValue(seq, out var held) ? held : null;
        }
    }

    public IReadOnlyList<(long Seq, Held Held)> Snapshot()
    {
        lock (_held)
        {
            return _held.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        }
    }

    private void Add(Message message, bool live)
    {
        if (message.Seq < 1)
        {
            return;
        }

        if (_held.TryGetValue(message.Seq, out var held))
        {
            if (held.ClientMessageId != message.ClientMessageId || held.SenderHandle != message.SenderHandle)
            {
                SeqConflicts++;
            }

            return;
        }

        _held[message.Seq] = new Held(message.ClientMessageId, message.SenderHandle, live);
        Advance();
    }

    private void Advance()
    {
        while (_held.ContainsKey(Contiguous + 1))
        {
            Contiguous++;
        }
    }

    /// <summary>What the client holds at a seq, and whether it came by push (live) or from GetHistory.</summary>
    public sealed record Held(string ClientMessageId, string SenderHandle, bool Live);
}
