using MatchChat.Language.Matching;

namespace MatchChat.Language.Tests;

/// <summary>
/// A note or bio in Spanish, French, German, Portuguese or Italian reaches the English-only matching model as English
/// words (<see cref="Gloss"/>, used by <see cref="MatchText"/> on both sides); English is left as it is. The matching dev
/// sets show what it is for: see <see cref="MatchingSetTests"/>.
/// </summary>
public sealed class GlossTests
{
    [Theory]
    [InlineData("Mi mamá murió de cáncer en marzo y la extraño mucho", new[] { "my", "died", "cancer", "miss" })]
    [InlineData("Ma mère est décédée l'an dernier, elle me manque", new[] { "my mother", "passed away", "miss" })]
    [InlineData("Meine Mutter ist letztes Jahr an Krebs gestorben", new[] { "my mother", "cancer", "died" })]
    [InlineData("Minha mãe morreu ano passado e sinto muita saudade", new[] { "my mother", "died", "miss" })]
    [InlineData("Mia madre è morta due mesi fa e mi manca tanto", new[] { "my mother", "died", "months ago", "i miss" })]
    [InlineData("nn ce la faccio più, il mio ragazzo mi ha lasciata xké", new[] { "cannot cope", "my boyfriend", "dumped me", "because" })]
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
    [InlineData("I do tai chi on sundays and my nonna comes too")]
    public void English_is_left_as_it_is(string note)
    {
        Assert.Equal(note, MatchText.ForSeeker(note, []));
    }

    /// <summary>
    /// The common-word list has no Italian (and Italian shares "mi", "sola", "non", "da", "quando" with it), so Italian is
    /// told by words of its own; Spanish and Portuguese with Italian-looking words ("madre mía", "siete", Portuguese
    /// "sono", sleep) stay Spanish and Portuguese.
    /// </summary>
    [Theory]
    [InlineData("sono triste e sola, nessuno mi capisce", "it")]
    [InlineData("soffro di attacchi di panico da quando ho perso il bambino", "it")]
    [InlineData("Madre mía, mi hijo tiene siete años y no me habla", "es")]
    [InlineData("Dios mío, mi padre murió ayer y no puedo dejar de llorar", "es")]
    [InlineData("voi a morir sola", "es")]
    [InlineData("Perdi o sono desde que meu pai morreu, tô muito mal", "pt")]
    [InlineData("A lei Maria da Penha não me protegeu, ele ainda me bate", "pt")]
    [InlineData("nn aguento mais", null)]
    [InlineData("mon perso est mort juste avant le boss final, j'ai la rage", "fr")]
    public void Italian_is_told_apart_from_its_false_friends(string note, string? language)
    {
        Assert.Equal(language, Gloss.LanguageOf(note));
    }

    /// <summary>Bios and notes the short common-word list could not place (an outside probe: left unglossed, so an English
    /// seeker's "going through a divorce" was matched past the Spanish-speaking divorcee) are placed by each glossary's
    /// own words.</summary>
    [Theory]
    [InlineData("Me divorcié después de quince años de matrimonio y tuve que empezar de cero con dos hijos.", "es", "marriage")]
    [InlineData("Saí de um relacionamento abusivo depois de anos de controle e medo.", "pt", "abusive relationship")]
    [InlineData("mon mari me trompe depuis un an", "fr", "husband")]
    [InlineData("I moved abroad alone and had no friends for two years.", "en", "moved abroad")]
    public void A_text_the_common_words_cannot_place_is_placed_by_its_glossarys_words(string text, string language, string glossed)
    {
        Assert.Equal(language, Gloss.LanguageOf(text));
        Assert.Contains(glossed, MatchText.English(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Spanish_and_Portuguese_with_Italian_looking_words_keep_their_own_glossary()
    {
        var spanish = Gloss.English("Madre mía, mi hijo tiene siete años y no me habla");
        var portuguese = Gloss.English("Perdi o sono desde que meu pai morreu");

        Assert.Contains("my son", spanish, StringComparison.Ordinal);
        Assert.Contains("seven years", spanish, StringComparison.Ordinal);
        Assert.Contains("sleep", portuguese, StringComparison.Ordinal);
        Assert.Contains("my father died", portuguese, StringComparison.Ordinal);
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
