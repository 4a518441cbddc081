using System.Text;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Tests;

/// <summary>
/// Most messages are plain ASCII and take the normaliser's short path; a person must be read exactly as the full
/// Unicode path reads them (case, apostrophes, possessives, leet, spacing, repeated letters), or the crisis screen
/// would miss on plain text what it catches on accented text.
/// </summary>
public sealed class NormaliserPathTests
{
    private static readonly string[] Extra =
    [
        "He's gone. It's my cousin's fault, isn't it? I'S done", "don't `want' to be here anymore's", "'s", "''s", "it'sa", "end'",
        "I WANT TO K1LL MYSELF", "k i l l  m y s e l f", "k.i.l.l m-y-s-e-l-f!!", "i  waaaant   to   diiiie", "$uicide @ 3am |ol",
        "tabs\tand\r\nnew lines; and: more", "", " ", "a", "'", "ok'S",
    ];

    [Fact]
    public void An_ascii_text_reads_as_the_full_unicode_path_reads_it()
    {
        var texts = new[] { "labelled", "heldout", "fresh", "third", "fourth" }
            .SelectMany(set => LabelledLine.Load($"Data/{set}.tsv")).Select(l => l.Text).Concat(Extra).Where(t => Ascii.IsValid(t)).ToList();
        Assert.True(texts.Count > 400, $"only {texts.Count} ASCII texts");
        foreach (var text in texts)
        {
            var fast = TextNormaliser.Normalise(text);

            // One non-ASCII word at the end sends the same text down the full path; it adds one token and no flag.
            var full = TextNormaliser.Normalise(text + "\n\u00e9t\u00e9");
            Assert.Equal("ete", full.Tokens[^1].Text);
            Assert.Equal(fast.Obfuscation, full.Obfuscation);
            Assert.Equal(fast.Tokens, full.Tokens.Take(full.Tokens.Count - 1));
        }
    }
}
