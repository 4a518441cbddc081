using System.Collections.Frozen;
using System.Text;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// The parts of NFKC and diacritic stripping this detector needs, without ICU: the servers run with
/// <c>InvariantGlobalization</c>, where <see cref="string.Normalize()"/> leaves non-ASCII text unchanged. Folds
/// fullwidth forms, mathematical and circled letters and digits, ligatures, and accented Latin letters to ASCII.
/// Where ICU is present, <see cref="TextNormaliser"/> applies real NFKC/NFD first and this is a no-op on its output.
/// </summary>
internal static class CharacterFolding
{
    // Groups: the ASCII letter, then every accented form of it.
    private static readonly string[] Accented =
    [
        "aàáâãäåāăąǎȁȃȧạảấầẩẫậắằẳẵặ", "cçćĉċč", "dď", "eèéêëēĕėęěȅȇẹẻẽếềểễệ", "gĝğġģ", "hĥ",
        "iìíîïĩīĭįǐȉȋịỉ", "jĵ", "kķ", "lĺļľŀ", "nñńņňŉ", "oòóôõöōŏőǒȍȏọỏốồổỗộớờởỡợơ", "rŕŗř",
        "sśŝşšș", "tţťț", "uùúûüũūŭůűųǔȕȗụủứừửữựư", "wŵ", "yýÿŷỳỹỷ", "zźżž",
    ];

    private static readonly FrozenDictionary<char, char> Map = Build();

    public static string Fold(string text, ref Obfuscation flags)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var folded = FoldAstral(char.ConvertToUtf32(c, text[i + 1]));
                if (folded != '\0')
                {
                    sb.Append(folded);
                    flags |= Obfuscation.Compatibility;
                    i++;
                    continue;
                }

                sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                sb.Append(char.ToLowerInvariant((char)(c - 0xFEE0)));
                flags |= Obfuscation.Compatibility;
            }
            else if (c is >= 'Ⓐ' and <= 'Ⓩ' or >= 'ⓐ' and <= 'ⓩ')
            {
                sb.Append((char)('a' + (c >= 'ⓐ' ? c - 'ⓐ' : c - 'Ⓐ')));
                flags |= Obfuscation.Compatibility;
            }
            else if (c == '\u3000')
            {
                sb.Append(' ');
            }
            else if (c is 'ﬁ' or 'ﬂ' or 'ﬀ' or 'œ' or 'æ')
            {
                sb.Append(c switch { 'ﬁ' => "fi", 'ﬂ' => "fl", 'ﬀ' => "ff", 'œ' => "oe", _ => "ae" });
            }
            else
            {
                var lower = char.ToLowerInvariant(c);
                sb.Append(Map.TryGetValue(lower, out var plain) ? plain : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Mathematical alphanumeric symbols (𝐤𝐢𝐥𝐥, 𝓀𝒾𝓁𝓁, 𝗸𝗶𝗹𝗹): 13 styles of 52 letters, then digits.</summary>
    private static char FoldAstral(int codePoint)
    {
        if (codePoint is >= 0x1D400 and <= 0x1D6A3)
        {
            var letter = (codePoint - 0x1D400) % 52;
            return (char)(letter < 26 ? 'a' + letter : 'a' + letter - 26);
        }

        if (codePoint is >= 0x1D7CE and <= 0x1D7FF)
        {
            return (char)('0' + ((codePoint - 0x1D7CE) % 10));
        }

        if (codePoint is >= 0x1F130 and <= 0x1F149)
        {
            return (char)('a' + codePoint - 0x1F130);
        }

        if (codePoint is >= 0x1F170 and <= 0x1F189)
        {
            return (char)('a' + codePoint - 0x1F170);
        }

        return '\0';
    }

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        foreach (var group in Accented)
        {
            foreach (var c in group.AsSpan(1))
            {
                map[c] = group[0];
            }
        }

        return map.ToFrozenDictionary();
    }
}
