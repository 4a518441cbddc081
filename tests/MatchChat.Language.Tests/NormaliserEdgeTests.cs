using MatchChat.Language.Detection;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Tests;

/// <summary>Texts at the normaliser's edges are still read, never dropped by an exception or a buffer size.</summary>
public sealed class NormaliserEdgeTests
{
    [Fact]
    public void A_text_with_a_lone_surrogate_is_still_screened()
    {
        // A broken emoji (its second half lost) must not hide the words before it. This repository runs with invariant
        // globalization, where Unicode normalisation is a no-op; on a host with ICU, normalising a lone surrogate throws,
        // and the normaliser then reads the text as written.
        var text = "i want to kill myself tonight \uD83D";
        var normalised = TextNormaliser.Normalise(text);
        Assert.Contains(normalised.Tokens, t => t.Text == "kill");
        var screen = new CrisisDetector().Screen(text, CrisisRole.Seeker, null);
        Assert.Equal(CrisisLevel.Crisis, screen.Level);
    }

    [Fact]
    public void A_run_longer_than_the_stack_buffer_reads_like_the_same_words_spaced()
    {
        // Words run together with commas form one chunk; past 256 characters its look-alike digits are mapped in a heap
        // buffer instead of the stack buffer, and it must read exactly like the short chunks do.
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
}
