using System.Collections.Frozen;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// Lower-case letters from Cyrillic, Greek and a few other scripts that are drawn like Latin letters,
/// mapped to the Latin letter a reader sees (the Latin-relevant subset of Unicode TR39 confusables).
/// Fullwidth and mathematical letters are already folded by NFKC. No NuGet package served here carries
/// the TR39 skeleton data (AnyAscii transliterates by sound: Cyrillic "р" becomes "r", not the "p" a
/// reader sees), so this is a compact hand table.
/// </summary>
internal static class LookAlikes
{
    // Pairs: look-alike, Latin.
    private static readonly string[] Pairs =
    [
        // Cyrillic
        "аa", "бb", "вb", "гr", "дd", "еe", "ёe", "з3", "иu", "йu", "кk", "лn", "мm", "нh", "оo", "пn", "рp", "сc",
        "тt", "уy", "фf", "хx", "цu", "чy", "шw", "щw", "ъb", "ыi", "ьb", "эe", "яr", "єe", "ѕs", "іi", "їi",
        "јj", "ӏl", "ԁd", "ԛq", "ԝw", "һh", "ґr", "ўy",
        // Greek
        "αa", "βb", "γy", "δd", "εe", "ζz", "ηn", "θo", "ιi", "κk", "λl", "μu", "νv", "οo", "πn", "ρp", "σo", "ςs",
        "τt", "υu", "φf", "χx", "ψw", "ωw",
        // Latin small capitals and dotless letters that survive NFKC
        "ɑa", "ɡg", "ıi", "ȷj", "ʟl", "ɪi", "ɴn", "ʀr", "ʏy", "ᴀa", "ᴄc", "ᴅd", "ᴇe", "ᴊj", "ᴋk", "ᴍm", "ᴏo", "ᴘp",
        "ᴛt", "ᴜu", "ᴠv", "ᴡw", "ᴢz",
        // Letters that are one Latin sound written as a single glyph
        "ßs", "øo", "łl", "đd", "ħh",
    ];

    private static readonly FrozenDictionary<char, char> Map =
        Pairs.ToFrozenDictionary(p => p[0], p => p[1]);

    public static bool TryMap(char c, out char latin) => Map.TryGetValue(c, out latin);
}
