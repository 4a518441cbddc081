using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace MatchChat.Grains.Messages;

/// <summary>
/// One channel of the in-memory message log, kept compact for the garbage collector: a message is a fixed-size row in
/// pages of rows, and its client id and text are characters in large character blocks, so a stored message is not an
/// object of its own. (Kept as records and strings, a relay holding a few hundred thousand messages gave each background
/// collection three objects per message to mark, and each young collection three per new message to promote; stop 41 of
/// docs/benchmarks.md.) Sender ids and handles are kept once per channel. Redacting or erasing clears the characters in
/// place. Rows are in ascending seq, so reads are binary searches. Not thread-safe: the store locks it.
/// </summary>
internal sealed partial class InMemoryChannelLog
{
    private const int PageShift = 11;

    /// <summary>Rows per full page (2,048 rows of 48 bytes: a large object, never copied by a young collection).</summary>
    private const int PageSize = 1 << PageShift;

    /// <summary>Characters per full block (128 KB: a large object too).</summary>
    private const int BlockChars = 1 << 16;

    private const int FirstRows = 4;
    private const int FirstChars = 256;

    private readonly string _channel;
    private Names _senders = new();
    private Names _handles = new();
    private readonly HashSet<int> _byClientId;
    private readonly HashSet<int>.AlternateLookup<ClientKey> _findClientId;
    private List<Row[]> _pages = [];
    private List<char[]> _blocks = [];
    private int _used;

    public InMemoryChannelLog(string channel)
    {
        _channel = channel;
        _byClientId = new HashSet<int>(new ClientIds(this));
        _findClientId = _byClientId.GetAlternateLookup<ClientKey>();
    }

    public int Count { get; private set; }

    /// <summary>The highest seq erased by the retention job, so seq keeps growing after a channel was emptied.</summary>
    public long ErasedUpTo { get; private set; }

    public long MaxSeq => Count == 0 ? ErasedUpTo : RowAt(Count - 1).Seq;

    /// <summary>The stored message of this sender with this client message id, or null.</summary>
    public StoredMessage? Find(string senderId, string clientMessageId)
    {
        var sender = _senders.IndexOf(senderId);
        return sender >= 0 && _findClientId.TryGetValue(new ClientKey(sender, clientMessageId), out var stored) ? Materialise(stored) : null;
    }

    /// <summary>Appends the message unless its (sender, client message id) is stored already, in which case
    /// <paramref name="existing"/> is the stored one; the sender is looked up once for both. A new message's seq must be
    /// above <see cref="MaxSeq"/>.</summary>
    public bool TryAdd(StoredMessage message, [NotNullWhen(false)] out StoredMessage? existing)
    {
        var sender = _senders.IndexOf(message.SenderId);
        if (sender >= 0 && _findClientId.TryGetValue(new ClientKey(sender, message.ClientMessageId), out var stored))
        {
            existing = Materialise(stored);
            return false;
        }

        if (Count > 0 && MaxSeq >= message.Seq)
        {
            throw new InvalidOperationException("seq must grow within a channel");
        }

        existing = null;
        Add(message, sender >= 0 ? sender : _senders.Append(message.SenderId));
        return true;
    }

    private void Add(StoredMessage message, int sender) =>
        AddRow(
            new Row
            {
                Seq = message.Seq,
                SentAt = message.SentAt,
                Sender = sender,
                Handle = _handles.Add(message.SenderHandle),
                ClientIdLength = message.ClientMessageId.Length,
                TextLength = message.Text.Length,
                Redacted = message.Redacted,
            },
            message.ClientMessageId,
            message.Text);

    /// <summary>Stores the row with its client id and text; the row's block and offset are set here.</summary>
    private void AddRow(Row row, ReadOnlySpan<char> clientId, ReadOnlySpan<char> text)
    {
        var page = Count >> PageShift;
        var slot = Count & (PageSize - 1);
        if (page == _pages.Count)
        {
            _pages.Add(new Row[page == 0 ? FirstRows : PageSize]);
        }
        else if (slot == _pages[page].Length)
        {
            // Only the first page starts small; it doubles up to a full page.
            var grown = _pages[page];
            Array.Resize(ref grown, Math.Min(PageSize, grown.Length * 2));
            _pages[page] = grown;
        }

        (row.Block, row.Offset) = Put(clientId, text);
        _pages[page][slot] = row;
        Count++;
        _byClientId.Add(Count - 1);
    }

    /// <summary>Messages with afterSeq &lt; seq &lt; beforeSeq: the oldest <paramref name="limit"/> above afterSeq, or
    /// without it the newest below beforeSeq.</summary>
    public StoredMessage[] Read(long? afterSeq, long? beforeSeq, int limit)
    {
        var from = afterSeq is { } after ? FirstIndex(after, orAbove: false) : 0;
        var to = beforeSeq is { } before ? FirstIndex(before, orAbove: true) : Count;
        if (limit <= 0 || to <= from)
        {
            return [];
        }

        if (afterSeq is null)
        {
            from = Math.Max(from, to - limit);
        }
        else
        {
            to = (int)Math.Min(to, (long)from + limit);
        }

        var page = new StoredMessage[to - from];
        for (var i = from; i < to; i++)
        {
            page[i - from] = Materialise(i);
        }

        return page;
    }

    /// <summary>Erases the text of the sender's messages in place (the rows keep their seq, handle and time).</summary>
    public long Redact(string senderId)
    {
        var sender = _senders.IndexOf(senderId);
        if (sender < 0)
        {
            return 0;
        }

        long redacted = 0;
        for (var i = 0; i < Count; i++)
        {
            ref var row = ref RowAt(i);
            if (row.Sender == sender && !row.Redacted)
            {
                TextOf(row).Clear();
                row.TextLength = 0;
                row.Redacted = true;
                redacted++;
            }
        }

        return redacted;
    }

    /// <summary>Erases the text of the message at <paramref name="seq"/> in place; the row as it now is, or null when the
    /// channel has no such message (never stored, or erased by retention).</summary>
    public StoredMessage? RedactAt(long seq)
    {
        var index = FirstIndex(seq, orAbove: true);
        if (index >= Count || RowAt(index).Seq != seq)
        {
            return null;
        }

        ref var row = ref RowAt(index);
        if (!row.Redacted)
        {
            TextOf(row).Clear();
            row.TextLength = 0;
            row.Redacted = true;
        }

        return Materialise(index);
    }

    /// <summary>Removes the rows sent before <paramref name="sentBefore"/> (all rows when null); their characters are
    /// cleared. Returns how many.</summary>
    public long Erase(DateTime? sentBefore)
    {
        var keep = new List<int>(Count);
        var erasedUpTo = ErasedUpTo;
        for (var i = 0; i < Count; i++)
        {
            ref var row = ref RowAt(i);
            if (sentBefore is null || row.SentAt < sentBefore)
            {
                erasedUpTo = Math.Max(erasedUpTo, row.Seq);
            }
            else
            {
                keep.Add(i);
            }
        }

        var erased = Count - keep.Count;
        if (erased == 0)
        {
            return 0;
        }

        // Copy the kept rows and their characters into new arrays (no message objects), with names re-interned so the
        // erased rows' sender ids and handles go too; then clear the old characters.
        var oldPages = _pages;
        var oldBlocks = _blocks;
        var oldSenders = _senders;
        var oldHandles = _handles;
        _pages = [];
        _blocks = [];
        _used = 0;
        _senders = new Names();
        _handles = new Names();
        Count = 0;
        _byClientId.Clear();
        ErasedUpTo = erasedUpTo;
        foreach (var i in keep)
        {
            var row = oldPages[i >> PageShift][i & (PageSize - 1)];
            var chars = oldBlocks[row.Block].AsSpan(row.Offset, row.ClientIdLength + row.TextLength);
            row.Sender = _senders.Add(oldSenders[row.Sender]);
            row.Handle = _handles.Add(oldHandles[row.Handle]);
            AddRow(row, chars[..row.ClientIdLength], chars[row.ClientIdLength..]);
        }

        foreach (var block in oldBlocks)
        {
            Array.Clear(block);
        }

        return erased;
    }

    private ref Row RowAt(int index) => ref _pages[index >> PageShift][index & (PageSize - 1)];

    private Span<char> ClientIdOf(in Row row) => _blocks[row.Block].AsSpan(row.Offset, row.ClientIdLength);

    private Span<char> TextOf(in Row row) => _blocks[row.Block].AsSpan(row.Offset + row.ClientIdLength, row.TextLength);

    private StoredMessage Materialise(int index)
    {
        var row = RowAt(index);
        var chars = _blocks[row.Block].AsSpan(row.Offset);
        return new StoredMessage(
            _channel,
            row.Seq,
            _senders[row.Sender],
            _handles[row.Handle],
            new string(chars[..row.ClientIdLength]),
            row.TextLength == 0 ? "" : new string(chars.Slice(row.ClientIdLength, row.TextLength)),
            row.SentAt,
            row.Redacted);
    }

    /// <summary>The first row index whose seq is above <paramref name="seq"/> (or equal to it, with
    /// <paramref name="orAbove"/>); rows ascend by seq.</summary>
    private int FirstIndex(long seq, bool orAbove)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = RowAt(mid).Seq;
            if (orAbove ? at < seq : at <= seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Copies the client id and the text, one after the other, into the last block (grown or a new one).</summary>
    private (int Block, int Offset) Put(ReadOnlySpan<char> clientId, ReadOnlySpan<char> text)
    {
        var need = clientId.Length + text.Length;
        if (_blocks.Count == 0)
        {
            _blocks.Add(new char[Math.Max(FirstChars, Math.Min(BlockChars, (int)BitOperations.RoundUpToPowerOf2((uint)need)))]);
            _used = 0;
        }

        var last = _blocks[^1];
        if (_used + need > last.Length)
        {
            if (last.Length < BlockChars && _used + need <= BlockChars)
            {
                // Only the first block starts small; it doubles up to a full block.
                var grown = new char[Math.Min(BlockChars, (int)BitOperations.RoundUpToPowerOf2((uint)(_used + need)))];
                last.AsSpan(0, _used).CopyTo(grown);
                Array.Clear(last);
                _blocks[^1] = grown;
            }
            else
            {
                _blocks.Add(new char[Math.Max(BlockChars, need)]);
                _used = 0;
            }
        }

        var target = _blocks[^1].AsSpan(_used);
        clientId.CopyTo(target);
        text.CopyTo(target[clientId.Length..]);
        var offset = _used;
        _used += need;
        return (_blocks.Count - 1, offset);
    }

    private struct Row
    {
        public long Seq;
        public DateTime SentAt;
        public int Block;
        public int Offset;
        public int Sender;
        public int Handle;
        public int ClientIdLength;
        public int TextLength;
        public bool Redacted;
    }

    private readonly ref struct ClientKey(int sender, ReadOnlySpan<char> id)
    {
        public int Sender { get; } = sender;

        public ReadOnlySpan<char> Id { get; } = id;
    }

    /// <summary>Row indexes compared by (sender, client message id), looked up by a <see cref="ClientKey"/>.</summary>
    private sealed class ClientIds(InMemoryChannelLog log) : IEqualityComparer<int>, IAlternateEqualityComparer<ClientKey, int>
    {
        public bool Equals(int x, int y)
        {
            ref var a = ref log.RowAt(x);
            ref var b = ref log.RowAt(y);
            return a.Sender == b.Sender && log.ClientIdOf(a).SequenceEqual(log.ClientIdOf(b));
        }

        public int GetHashCode(int index)
        {
            ref var row = ref log.RowAt(index);
            return Hash(row.Sender, log.ClientIdOf(row));
        }

        public bool Equals(ClientKey key, int index)
        {
            ref var row = ref log.RowAt(index);
            return row.Sender == key.Sender && key.Id.SequenceEqual(log.ClientIdOf(row));
        }

        public int GetHashCode(ClientKey key) => Hash(key.Sender, key.Id);

        public int Create(ClientKey key) => throw new NotSupportedException("rows are added by index");

        private static int Hash(int sender, ReadOnlySpan<char> id) => HashCode.Combine(sender, string.GetHashCode(id));
    }
}
