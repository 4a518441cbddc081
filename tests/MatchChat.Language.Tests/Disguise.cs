using System.Text;

namespace MatchChat.Language.Tests;

/// <summary>Disguises the test applies to a whole line: look-alike Cyrillic letters, zero-width characters, fullwidth forms.</summary>
public static class Disguise
{
    public static string Apply(string transform, string text) => transform switch
    {
        "cyrillic" => Cyrillic(text),
        "zerowidth" => ZeroWidth(text),
        "fullwidth" => Fullwidth(text),
        _ => text,
    };

    public static string Cyrillic(string text) => new(text.Select(c => c switch
    {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'I' => 'І',
        'k' => 'к',
        'M' => 'М',
        _ => c,
    }).ToArray());

    public static string ZeroWidth(string text)
    {
        var sb = new StringBuilder();
        var marks = new[] { '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' };
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (char.IsLetter(text[i]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                sb.Append(marks[i % marks.Length]);
            }
        }

        return sb.ToString();
    }

    public static string Fullwidth(string text) => new(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());
}
