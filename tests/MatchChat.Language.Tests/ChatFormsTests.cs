using MatchChat.Language.Detection;

namespace MatchChat.Language.Tests;

/// <summary>
/// Forms people type that the screen (phrase lists and rules, no model) misread before 2026-12-06: chat contractions,
/// words that name a person in one language and something else in another, verbs split around other words, a pronoun
/// after its verb, and "minutes ago". Each case is the kind, not a line of any data set.
/// </summary>
public sealed class ChatFormsTests
{
    private static readonly CrisisDetector Screen = new();

    [Theory]
    // French chat writes "je" into the verb.
    [InlineData("jveux plus vivre franchement", "fr")]
    [InlineData("chui au bout jveux mourir", "fr")]
    // Spanish "ya" (already) is not English "ya" (you).
    [InlineData("ya elegi quitarme la vida esta semana", "es")]
    // German separable verb with words between its parts.
    [InlineData("ich bring mich morgen früh um", "de")]
    // European Portuguese puts the pronoun after the verb.
    [InlineData("acho que vou matar-me hoje", "pt")]
    // An hour ago is now.
    [InlineData("i tried to kill myself an hour ago and i'm still shaking", "en")]
    public void The_writer_s_own_crisis_in_these_forms_reads_as_crisis(string text, string language)
    {
        Assert.Equal(CrisisLevel.Crisis, Screen.Screen(text, CrisisRole.Seeker, language).Level);
    }

    [Theory]
    // German "will" is also "she wants": the phrase speaks of her.
    [InlineData("meine schwester sagt sie will nicht mehr leben", "de")]
    // "qu'il" names him once the apostrophe is dropped.
    [InlineData("mon frère m'a dit qu'il voulait en finir", "fr")]
    public void Someone_else_s_crisis_reads_as_concern_for_them(string text, string language)
    {
        var screen = Screen.Screen(text, CrisisRole.Seeker, language);
        Assert.Equal(CrisisLevel.Concern, screen.Level);
        Assert.Equal(CrisisReason.SomeoneElseAtRisk, screen.Reason);
    }

    [Theory]
    [InlineData("die arbeit wird mich noch umbringen", "de")]
    [InlineData("ce prof va me tuer avec ses devoirs", "fr")]
    [InlineData("i tried a new recipe years ago and almost killed myself laughing", "en")]
    public void Figures_of_speech_in_these_forms_are_not_crisis(string text, string language)
    {
        Assert.NotEqual(CrisisLevel.Crisis, Screen.Screen(text, CrisisRole.Seeker, language).Level);
    }

    [Theory]
    [InlineData("de joven me cortaba, ahora estoy mejor", "es")]
    [InlineData("hab mich früher geritzt, heute geht es", "de")]
    [InlineData("attempted suicide years ago, doing ok now", "en")]
    public void The_writer_s_past_self_harm_or_attempt_reads_as_concern(string text, string language)
    {
        Assert.Equal(CrisisLevel.Concern, Screen.Screen(text, CrisisRole.Seeker, language).Level);
    }
}
