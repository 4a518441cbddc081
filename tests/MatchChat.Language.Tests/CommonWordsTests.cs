using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Tests;

/// <summary>
/// The normaliser hands out a shared instance for a common word instead of copying it. A listed word that is not
/// written as the normaliser leaves it would never be found, and a wrong stored skeleton would change what the crisis
/// screen matches: both are checked here, and every labelled text must read word for word as before.
/// </summary>
public sealed class CommonWordsTests
{
    [Fact]
    public void Every_common_word_is_written_as_the_normaliser_leaves_it()
    {
        var words = CommonWords.All.ToList();
        Assert.True(words.Count > 500, $"only {words.Count} common words");
        foreach (var word in words)
        {
            Assert.Matches("^[a-z]+$", word);
            Assert.True(CommonWords.TryGet(word, out var text, out var skeleton));
            Assert.Equal(word, text);
            Assert.Equal(TextNormaliser.Skeleton(word, out _), skeleton);
        }
    }

    [Fact]
    public void A_common_word_reads_as_any_other_word_does()
    {
        var texts = new[] { "labelled", "heldout", "fresh", "third", "fourth" }
            .SelectMany(set => LabelledLine.Load($"Data/{set}.tsv")).Select(l => l.Text)
            .Append("I'm sooooo tired of all this, nobody would care if i was gone")
            .Append("i really really feel alone tonight. it's too much")
            .ToList();
        var common = 0;
        foreach (var text in texts)
        {
            foreach (var token in TextNormaliser.Normalise(text).Tokens)
            {
                Assert.Equal(TextNormaliser.Skeleton(token.Text, out _), token.Skeleton);
                common += CommonWords.TryGet(token.Text, out _, out _) ? 1 : 0;
            }
        }

        Assert.True(common > texts.Count, $"only {common} common words in {texts.Count} texts");
    }

    [Fact]
    public void Words_spaced_out_or_repeated_are_still_undone()
    {
        var read = TextNormaliser.Normalise("i  feeeel  alone and i want to d i e");
        Assert.Equal(["i", "feeeel", "alone", "and", "i", "want", "to", "die"], read.Tokens.Select(t => t.Text));
        Assert.Equal("fel", read.Tokens[1].Skeleton);
        Assert.True(read.Obfuscation.HasFlag(Obfuscation.RepeatedLetters));
        Assert.True(read.Obfuscation.HasFlag(Obfuscation.SpacedLetters));
    }
}
