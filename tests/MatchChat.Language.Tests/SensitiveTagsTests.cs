using MatchChat.Language.Matching;

namespace MatchChat.Language.Tests;

/// <summary>
/// A tag naming a suicide, a lost pregnancy, self-harm, abuse or an assault is suggested only when the seeker's words say
/// so (an outside probe: "suicide-loss" came first for "my mum died of cancer").
/// </summary>
public sealed class SensitiveTagsTests
{
    [Theory]
    [InlineData("suicide-loss", "my mum died of cancer")]
    [InlineData("suicide-loss", "my grandad passed away peacefully at 94")]
    [InlineData("suicide-loss", "my husband died in a car crash")]
    [InlineData("suicide-loss", "my dog died")]
    [InlineData("miscarriage", "my mum died of cancer")]
    [InlineData("miscarriage", "my husband died in a car crash")]
    [InlineData("self-harm", "i feel so low since the breakup")]
    [InlineData("domestic-abuse", "my wife left me")]
    [InlineData("sexual-assault", "i was bullied at school")]
    [InlineData("suicide-loss", "mi madre murió de cáncer")]
    [InlineData("sexual-assault", "i'm questioning my sexuality")]
    [InlineData("domestic-abuse", "i hurt my back at work")]
    public void Not_without_the_words(string tag, string text) => Assert.False(SensitiveTags.Evidenced(tag, text));

    [Theory]
    [InlineData("suicide-loss", "my brother took his own life last year")]
    [InlineData("suicide-loss", "my dad killed himself in may")]
    [InlineData("suicide-loss", "i lost my best friend to suicide")]
    [InlineData("suicide-loss", "mi hermano se suicidó")]
    [InlineData("suicide-loss", "mon père s'est suicidé")]
    [InlineData("suicide-loss", "mein Vater hat sich das Leben genommen")]
    [InlineData("miscarriage", "we lost the baby at 12 weeks")]
    [InlineData("miscarriage", "i had a miscarriage last month")]
    [InlineData("pregnancy-loss", "j'ai fait une fausse couche")]
    [InlineData("self-harm", "i keep cutting myself when it gets bad")]
    [InlineData("self-harm", "i started cutting again last week")]
    [InlineData("domestic-abuse", "my ex used to hit me")]
    [InlineData("sexual-assault", "i was raped two years ago")]
    [InlineData("loss-of-parent", "my mum died of cancer")]
    [InlineData("anxiety", "anything at all")]
    public void With_the_words_or_for_any_other_tag(string tag, string text) => Assert.True(SensitiveTags.Evidenced(tag, text));
}
