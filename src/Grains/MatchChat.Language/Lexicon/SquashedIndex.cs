namespace MatchChat.Language.Lexicon;

/// <summary>
/// Which squashed crisis phrases ("killmyself") occur inside one long run-together word, without testing every phrase
/// against every long word: phrases are filed under their first <see cref="KeyLength"/> letters, and each position of the
/// word looks up its own next letters. Answers in phrase order, each phrase once, as a scan with <c>Contains</c> would.
/// </summary>
internal sealed class SquashedIndex
{
    private const int KeyLength = 4;

    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byPrefix;
    private readonly IReadOnlyList<LexiconEntry> _entries;
    private readonly int _shortest;

    private SquashedIndex(Dictionary<string, int[]> byPrefix, IReadOnlyList<LexiconEntry> entries, int shortest)
    {
        _byPrefix = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _entries = entries;
        _shortest = shortest;
    }

    public static SquashedIndex Build(IReadOnlyList<LexiconEntry> squashable)
    {
        var byPrefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var shortest = int.MaxValue;
        for (var i = 0; i < squashable.Count; i++)
        {
            var squashed = squashable[i].Squashed;
            if (squashed.Length < KeyLength)
            {
                throw new InvalidOperationException("A squashable phrase is shorter than the index key.");
            }

            shortest = Math.Min(shortest, squashed.Length);
            var key = squashed[..KeyLength];
            if (!byPrefix.TryGetValue(key, out var list))
            {
                byPrefix[key] = list = [];
            }

            list.Add(i);
        }

        return new SquashedIndex(byPrefix.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), squashable, shortest);
    }

    /// <summary>Indexes (into the squashable list) of the phrases found in <paramref name="word"/>, ascending.</summary>
    public List<int> Inside(string word)
    {
        var found = new List<int>();
        if (_entries.Count == 0)
        {
            return found;
        }

        for (var p = 0; p + _shortest <= word.Length; p++)
        {
            if (!_byPrefix.TryGetValue(word.AsSpan(p, KeyLength), out var entries))
            {
                continue;
            }

            foreach (var e in entries)
            {
                if (word.AsSpan(p).StartsWith(_entries[e].Squashed, StringComparison.Ordinal) && !found.Contains(e))
                {
                    found.Add(e);
                }
            }
        }

        found.Sort();
        return found;
    }
}
