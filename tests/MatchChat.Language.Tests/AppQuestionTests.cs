using MatchChat.Language.Detection;

namespace MatchChat.Language.Tests;

/// <summary>
/// A question about one's own data in the app is not a farewell: the model read "how do i delete my account" as one (crisis
/// lines shown, moderators alerted). The question itself is not given to the model; what is said after it still is, and a
/// text that only opens like a question but goes on about something else is read whole, as before. Kinds, not set lines.
/// </summary>
public sealed class AppQuestionTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    [Theory]
    [InlineData("how do i delete my account")]
    [InlineData("How can I delete my account for good?")]
    [InlineData("can you delete my account please")]
    [InlineData("hi, how do i export my data before deleting my account? thanks")]
    [InlineData("is there a way to wipe my chat history completely")]
    [InlineData("i want to close my account, i'm switching to another app")]
    [InlineData("how do I delete my account after this?")]
    public async Task A_question_about_deleting_one_s_data_is_not_a_crisis(string text)
    {
        var reading = await Read(text);
        Assert.NotEqual(CrisisLevel.Crisis, reading.Level);
    }

    [Theory]
    // After the question: the rest is read.
    [InlineData("how do i delete my account, nobody will miss me anyway")]
    [InlineData("how do i delete my account? i dont see any reason to keep living")]
    // A word or two that is not thanks: the whole text, as before.
    [InlineData("how do i delete my account. goodbye")]
    // Not the question's plain form: read whole.
    [InlineData("i want to delete my account and disappear")]
    // The phrase lists read the whole text whatever opens it.
    [InlineData("can you delete my messages? i dont want my mom to read them after im dead")]
    [InlineData("how do i delete my account after im gone")]
    [InlineData("how do i delete my account after this? i wont be around much longer")]
    [InlineData("i want to delete my account after this. i wont be around much longer")]
    // A warning sign beside the question: the whole text (deleting beside "wont need it" is the classic sign).
    [InlineData("how do i delete my account? i wont need it")]
    // A rest that goes on from the question, or a word or two: the whole text.
    [InlineData("i want to delete my account. and my life.")]
    [InlineData("how do i delete my account. i'm ready")]
    public async Task A_crisis_said_with_a_question_about_the_app_is_still_a_crisis(string text)
    {
        var reading = await Read(text);
        Assert.Equal(CrisisLevel.Crisis, reading.Level);
    }

    [Theory]
    [InlineData("im going to end it with my dads gun", CrisisLevel.Crisis)]
    [InlineData("police will check my phone after they find my body", CrisisLevel.Crisis)]
    [InlineData("cant find my body wash anywhere", CrisisLevel.None)]
    [InlineData("my phone will be dead by the time i get home", CrisisLevel.None)]
    public async Task Stop_56_phrases_read_their_own_sense_and_not_the_everyday_one(string text, CrisisLevel expected)
    {
        var reading = await Read(text);
        Assert.Equal(expected == CrisisLevel.Crisis, reading.Level == CrisisLevel.Crisis);
    }

    /// <summary>As the silo reads a message: the screen without a language, the model with the member's.</summary>
    private async Task<CrisisAssessment> Read(string text)
    {
        var screen = model.Detector.Screen(text, CrisisRole.Seeker, languageHint: null);
        return await model.Detector.CompleteAsync(screen, text, "en");
    }
}
