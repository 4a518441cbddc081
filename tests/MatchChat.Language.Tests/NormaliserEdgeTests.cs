using MatchChat.Language.Detection;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Tests;

/// <summary>Texts at the normaliser's edges are still read, never dropped by an exception or a buffer size.</summary>
public sealed class NormaliserEdgeTests
{
    [Fact]
    public void A_text_with_a_lone_surrogate_is_still_screened()
    {
        // ICU refuses to normalise a lone surrogate; the screen must read the rest of the text, not fail on it.
        var text = "i want to kill myself tonight \uD83D";
        var normalised = TextNormaliser.Normalise(text);
        Assert.Contains(normalised.Tokens, t => t.Text == "kill");
        var screen = new CrisisDetector().Screen(text, CrisisRole.Seeker, null);
        Assert.Equal(CrisisLevel.Crisis, screen.Level);
    }

    [Fact]
    public void A_run_longer_than_the_stack_buffer_reads_like_the_same_words_spaced()
    {
        // Words run together with commas form one chunk; past 256 characters it is mapped in a heap buffer instead.
        var words = string.Concat(Enumerable.Repeat("i,want,to,k1ll,my$elf,", 20));
        Assert.True(words.Length > 256);
        var run = TextNormaliser.Normalise(words);
        var spaced = TextNormaliser.Normalise(words.Replace(",", ", ", StringComparison.Ordinal));
        Assert.Equal(spaced.Tokens.Select(t => t.Text), run.Tokens.Select(t => t.Text));
        Assert.Equal(100, run.Tokens.Count);
        Assert.Equal(20, run.Tokens.Count(t => t.Text == "kill"));
        Assert.Equal(20, run.Tokens.Count(t => t.Text == "myself"));
        Assert.True(run.Obfuscation.HasFlag(Obfuscation.Leetspeak));
    }

    [Fact]
    public void A_text_cut_at_the_length_limit_keeps_whole_characters()
    {
        // 3,999 letters and one emoji (two chars) straddling the 4,000-char limit: the cut drops the whole emoji.
        var text = new string('a', 3999) + "\uD83D\uDE00 kill myself";
        var normalised = TextNormaliser.Normalise(text);
        Assert.Single(normalised.Tokens);
        Assert.Equal(1, normalised.Tokens[0].Skeleton.Length);
    }
}
