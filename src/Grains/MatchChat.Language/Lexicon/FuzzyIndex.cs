using System.Collections;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// Words one edit away without comparing against every word (the screen reads every message, and that scan was most of
/// its cost): each word is filed under itself and under every one-letter deletion that keeps its first letter. Two
/// words with the same first letter and at most one substitution, insertion, deletion or swap of neighbours share such
/// a key, so <see cref="Near"/> returns a superset of them (plus a few two edits away), to be confirmed by the caller.
/// Most words of a message share no key with the lexicon: a bit per key hash (computed for all deletions of a word in
/// one pass) answers those without building or looking up any key. Immutable after <see cref="Build"/>.
/// </summary>
internal sealed class FuzzyIndex
{
    public static readonly FuzzyIndex Empty = new(new Dictionary<string, int[]>(StringComparer.Ordinal), 0);

    private const ulong Base = 0x100000001B3UL;
    private const int FilterBits = 1 << 22;

    [ThreadStatic]
    private static List<int>? _near;

    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byKey;
    private readonly BitArray _filter = new(FilterBits);
    private readonly int _maxLength;

    private FuzzyIndex(Dictionary<string, int[]> byKey, int maxLength)
    {
        _byKey = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = maxLength;
        foreach (var key in byKey.Keys)
        {
            _filter[Slot(Hash(key))] = true;
        }
    }

    public static FuzzyIndex Build(IReadOnlyList<string> words, int minLength)
    {
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var maxLength = 0;
        for (var id = 0; id < words.Count; id++)
        {
            var word = words[id];
            if (word.Length < minLength)
            {
                continue;
            }

            maxLength = Math.Max(maxLength, word.Length);
            Add(byKey, word, id);
            for (var i = 1; i < word.Length; i++)
            {
                Add(byKey, string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)), id);
            }
        }

        return new FuzzyIndex(byKey.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), maxLength);
    }

    /// <summary>
    /// Ids of words that may be one edit from <paramref name="word"/>, unsorted and possibly repeated; the list is reused
    /// by the next call on the same thread.
    /// </summary>
    public List<int> Near(string word)
    {
        var near = _near ??= [];
        near.Clear();
        var n = word.Length;
        if (n == 0 || n > _maxLength + 1)
        {
            return near;
        }

        // prefix[i] = hash of word[..i]; suffix[i] = hash of word[i..]; power[k] = Base^k. The hash of the word without
        // letter i is prefix[i] * Base^(n-1-i) + suffix[i+1], the same as hashing that shorter string directly.
        Span<ulong> prefix = stackalloc ulong[n + 1];
        Span<ulong> suffix = stackalloc ulong[n + 1];
        Span<ulong> power = stackalloc ulong[n + 1];
        power[0] = 1;
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = (prefix[i] * Base) + word[i];
            power[i + 1] = power[i] * Base;
        }

        suffix[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            suffix[i] = (word[i] * power[n - 1 - i]) + suffix[i + 1];
        }

        if (_filter[Slot(prefix[n])])
        {
            Collect(word, near);
        }

        Span<char> key = stackalloc char[n];
        for (var i = 1; i < n; i++)
        {
            if (!_filter[Slot((prefix[i] * power[n - 1 - i]) + suffix[i + 1])])
            {
                continue;
            }

            word.AsSpan(0, i).CopyTo(key);
            word.AsSpan(i + 1).CopyTo(key[i..]);
            Collect(key[..(n - 1)], near);
        }

        return near;
    }

    private static ulong Hash(ReadOnlySpan<char> s)
    {
        ulong h = 0;
        foreach (var c in s)
        {
            h = (h * Base) + c;
        }

        return h;
    }

    private static int Slot(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - 22));

    private void Collect(ReadOnlySpan<char> key, List<int> into)
    {
        if (_byKey.TryGetValue(key, out var ids))
        {
            into.AddRange(ids);
        }
    }

    private static void Add(Dictionary<string, List<int>> byKey, string key, int id)
    {
        if (!byKey.TryGetValue(key, out var ids))
        {
            byKey[key] = ids = [];
        }

        if (ids.Count == 0 || ids[^1] != id)
        {
            ids.Add(id);
        }
    }
}
