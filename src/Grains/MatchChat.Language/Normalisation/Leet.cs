namespace MatchChat.Language.Normalisation;

/// <summary>Digits and symbols written for letters ("k1ll", "$uicide", "d!e"), mapped back when they sit among letters.</summary>
internal static class Leet
{
    public static bool TryMap(char c, out char letter)
    {
        letter = c switch
        {
            '1' or '!' => 'i',
            '|' => 'l',
            '3' or '€' => 'e',
            '4' or '@' => 'a',
            '0' => 'o',
            '5' or '$' => 's',
            '7' or '+' => 't',
            '8' => 'b',
            '9' => 'g',
            _ => '\0',
        };
        return letter != '\0';
    }

    /// <summary>Symbols that are also punctuation count as letters only with a letter on both sides ("d!e", not "die!").</summary>
    public static bool NeedsLettersOnBothSides(char c) => c is '!' or '|' or '+';

    /// <summary>
    /// Maps look-alike digits and symbols inside a chunk that holds at least one letter, into <paramref name="buffer"/>
    /// (the chunk's length); a chunk without letters comes back as it is.
    /// </summary>
    public static ReadOnlySpan<char> MapChunk(ReadOnlySpan<char> chunk, Span<char> buffer, ref bool changed)
    {
        if (!HasLetter(chunk))
        {
            return chunk;
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            var c = chunk[i];
            buffer[i] = c;
            if (char.IsLetter(c) || !TryMap(c, out var letter))
            {
                continue;
            }

            var before = i > 0 && IsLetterLike(chunk[i - 1]);
            var after = i + 1 < chunk.Length && IsLetterLike(chunk[i + 1]);
            if (NeedsLettersOnBothSides(c) ? before && after : before || after)
            {
                buffer[i] = letter;
                changed = true;
            }
        }

        return buffer[..chunk.Length];
    }

    private static bool HasLetter(ReadOnlySpan<char> chunk)
    {
        foreach (var c in chunk)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLetterLike(char c) => char.IsLetter(c) || TryMap(c, out _);
}
