using MatchChat.Language.Matching;

namespace MatchChat.Language.Tests;

/// <summary>
/// A note or bio in Spanish, French, German or Portuguese reaches the English-only matching model as English words
/// (<see cref="Gloss"/>, used by <see cref="MatchText"/> on both sides); English is left as it is. The matching dev set
/// shows what it is for: see <see cref="MatchingSetTests"/>.
/// </summary>
public sealed class GlossTests
{
    [Theory]
    [InlineData("Mi mamá murió de cáncer en marzo y la extraño mucho", new[] { "my", "died", "cancer", "miss" })]
    [InlineData("Ma mère est décédée l'an dernier, elle me manque", new[] { "my mother", "passed away", "miss" })]
    [InlineData("Meine Mutter ist letztes Jahr an Krebs gestorben", new[] { "my mother", "cancer", "died" })]
    [InlineData("Minha mãe morreu ano passado e sinto muita saudade", new[] { "my mother", "died", "miss" })]
    public void A_note_in_another_language_reaches_the_model_in_English_words(string note, string[] english)
    {
        var glossed = MatchText.ForSeeker(note, [])!;

        Assert.All(english, word => Assert.Contains(word, glossed, StringComparison.Ordinal));
        Assert.DoesNotContain("murio", glossed, StringComparison.Ordinal);
        Assert.DoesNotContain("gestorben", glossed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my mum died in march and i keep calling her number")]
    [InlineData("I can't sleep since the divorce. Die Hard was on TV and I cried.")]
    // English words that another language lists too do not make a note foreign.
    [InlineData("Solo mum. Son 4. Exhausted.")]
    [InlineData("War veteran, PTSD, nightmares")]
    public void English_is_left_as_it_is(string note)
    {
        Assert.Equal(note, MatchText.ForSeeker(note, []));
    }

    [Fact]
    public void A_glossed_bio_keeps_its_sentences_for_their_own_vectors()
    {
        var sentences = MatchText.Sentences("Mi padre murió hace dos años. Lo cuidé en casa hasta el final. Todavía lo extraño.");

        Assert.Equal(3, sentences.Length);
        Assert.Contains("died", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Words_the_glossary_does_not_hold_are_kept()
    {
        var glossed = Gloss.English("Mi hermano Joaquín se fue a Zaragoza y me siento muy sola");

        Assert.Contains("joaquin", glossed, StringComparison.Ordinal);
        Assert.Contains("zaragoza", glossed, StringComparison.Ordinal);
    }
}
