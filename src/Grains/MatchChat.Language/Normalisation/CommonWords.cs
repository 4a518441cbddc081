using System.Collections.Frozen;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// The words most messages are made of (<c>Normalisation/Data/common-words.txt</c>), each kept once with its skeleton:
/// <see cref="TextNormaliser"/> hands out these instances instead of copying such a word out of every message. Only
/// memory changes: a word found here is the same string, with the same skeleton, as the copy it replaces.
/// </summary>
internal static class CommonWords
{
    private static readonly FrozenDictionary<string, (string Text, string Skeleton)>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Load().GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared instance of <paramref name="word"/> and its skeleton, when it is a common word.</summary>
    public static bool TryGet(ReadOnlySpan<char> word, out string text, out string skeleton)
    {
        if (word.Length <= 12 && Lookup.TryGetValue(word, out var known))
        {
            (text, skeleton) = known;
            return true;
        }

        text = skeleton = null!;
        return false;
    }

    /// <summary>Every word of the list (for tests: each must be written as the normaliser leaves it).</summary>
    internal static IEnumerable<string> All => Lookup.Dictionary.Keys;

    private static FrozenDictionary<string, (string Text, string Skeleton)> Load()
    {
        const string name = "MatchChat.Language.Normalisation.Data.common-words.txt";
        using var stream = typeof(CommonWords).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("The common-word list is not embedded: " + name);
        using var reader = new StreamReader(stream);
        var words = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // A skeleton with a long run would also set the repeated-letters flag; no common word has one.
                var skeleton = TextNormaliser.Skeleton(word, out var longRun);
                if (word.Length <= 12 && !longRun)
                {
                    words.TryAdd(word, (word, skeleton));
                }
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
