using System.Diagnostics.CodeAnalysis;

namespace MatchChat.Language.Normalisation;

/// <summary>Single letters joined by dots, dashes, underscores or stars: "k.i.l.l", "d-i-e", "s_u_i_c_i_d_e".</summary>
internal static class DottedLetters
{
    public static bool TryJoin(ReadOnlySpan<char> chunk, [NotNullWhen(true)] out string? joined)
    {
        joined = null;
        var trimmed = chunk.TrimEnd(".!?,;:");
        if (trimmed.Length < 5 || trimmed.Length % 2 == 0)
        {
            return false;
        }

        var separator = trimmed[1];
        if (separator is not ('.' or '-' or '_' or '*' or '·' or '/' or ','))
        {
            return false;
        }

        var letters = new char[(trimmed.Length + 1) / 2];
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (i % 2 == 1)
            {
                if (c != separator)
                {
                    return false;
                }

                continue;
            }

            if (!char.IsLetter(c) && !Leet.TryMap(c, out _))
            {
                return false;
            }

            letters[i / 2] = Leet.TryMap(c, out var l) && !char.IsLetter(c) ? l : c;
        }

        joined = string.Concat(letters, chunk[trimmed.Length..]);
        return true;
    }
}
