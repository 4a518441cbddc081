using System.Globalization;
using System.Text;
using MatchChat.Language.Detection;
using MatchChat.Language.Meaning;

namespace MatchChat.Language.Tests;

/// <summary>
/// The exemplar bank's nearest-neighbour score on the lines that reach the model. Writes meaning-scores-{set}.tsv (label,
/// group, screen level, others, score, kind, reaches the model; every English non-listener line) next to the test binary: the decision threshold is chosen from the labelled set's file only.
/// </summary>
public sealed class MeaningScoreTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task Crisis_lines_score_above_safe_lines_on_the_labelled_set()
    {
        var scorer = new PrototypeScorer(model.Embedder);
        var crisis = new List<float>();
        var safe = new List<float>();
        var sb = new StringBuilder();
        foreach (var line in LabelledLine.Load())
        {
            var screen = model.Detector.Screen(line.Text, line.Role, line.Language);
            if (line.Language != "en" || line.Role == CrisisRole.Listener)
            {
                continue;
            }

            var score = await scorer.ScoreAsync(line.Text);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{line.Expected}\t{line.Group}\t{screen.Level}\t{screen.SpokenOfOthers}\t{score.Neighbours:F4}\t{score.NeighbourReason}\t{screen.NeedsModel}");
            if (!screen.NeedsModel)
            {
                continue;
            }

            (line.Expected == CrisisLevel.Crisis ? crisis : line.Expected == CrisisLevel.None ? safe : []).Add(score.Neighbours);
        }

        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "meaning-scores-labelled.tsv"), sb.ToString());
        Assert.NotEmpty(crisis);
        Assert.NotEmpty(safe);
        Assert.True(crisis.Average() > safe.Average() + 0.05, $"crisis mean {crisis.Average():F3}, safe mean {safe.Average():F3}");
    }

    /// <summary>
    /// A member who gave no language (no Accept-Language, none chosen) writes everyday French or German: the English-only
    /// model must not read it (it read raw French as sadness and sent concern resources). The text's own words say its
    /// language. Before the fix, both lines read concern.
    /// </summary>
    [Theory]
    [InlineData("je suis crevée ce soir, je vais me coucher tôt et dormir jusqu'à midi")]
    [InlineData("ich bin so müde, ich will nur noch schlafen und nie wieder arbeiten")]
    public async Task Everyday_lines_in_other_languages_from_a_member_without_a_language_stay_everyday(string text)
    {
        var reading = await model.Detector.AssessAsync(text, CrisisRole.Seeker, languageHint: null);

        Assert.Equal(CrisisLevel.None, reading.Level);
        Assert.False(reading.UsedModel);
    }

    /// <summary>
    /// Stop 52 (an outside probe sent these): short everyday texts about a message, with no word for the writer, went to
    /// the model for the cue "message" and were read as a farewell, so the peer was told to care and moderators alerted.
    /// The model now reads only what the writer says of themself.
    /// </summary>
    [Theory]
    [InlineData("a plain message")]
    [InlineData("plain message 0")]
    [InlineData("second message in the room")]
    [InlineData("hello room, a plain message for everyone")]
    [InlineData("this is the last message")]
    public async Task Everyday_texts_about_a_message_are_not_read_as_a_farewell(string text)
    {
        var reading = await model.Detector.AssessAsync(text, CrisisRole.Seeker, languageHint: null);

        Assert.Equal(CrisisLevel.None, reading.Level);
    }

    /// <summary>A request note without "I" still goes to the model when it is long enough to mean something.</summary>
    [Fact]
    public async Task A_request_note_without_a_word_for_the_writer_still_goes_to_the_model()
    {
        var reading = await model.Detector.AssessAsync(
            "can't keep going like this, everyone would be better off", CrisisRole.Seeker, languageHint: null, CrisisTextSource.RequestNote);

        Assert.True(reading.UsedModel);
    }

    /// <summary>
    /// Stop 53: chat drops the "I". A sentence that opens with a verb and no subject speaks of the writer, so the model
    /// reads it as it reads "I…" (these went unread after stop 52's first-person gate).
    /// </summary>
    [Theory]
    [InlineData("the train comes through at 11:40. been sitting by the tracks trying to work up the nerve")]
    [InlineData("love you all, sorry for everything, goodbye for good")]
    [InlineData("how long does it take for tylenol to actually do damage? asking for real not for a school project")]
    // "them" after a verb without a subject is what was taken, not someone else the text is about.
    [InlineData("swallowed all of them an hour ago, feeling really weird and floaty now")]
    public async Task A_crisis_written_without_I_is_read_by_the_model(string text)
    {
        var reading = await model.Detector.AssessAsync(text, CrisisRole.Seeker, languageHint: null);

        Assert.True(reading.UsedModel);
        Assert.Equal(CrisisLevel.Crisis, reading.Level);
    }

    /// <summary>Everyday lines without "I" that the model now reads: its loose concern reading is not taken for them.</summary>
    [Theory]
    [InlineData("took the dog for a walk, it was freezing out there")]
    [InlineData("joined the room to say hi")]
    [InlineData("going to send another message now")]
    [InlineData("fell asleep on the sofa again")]
    [InlineData("took them to the vet this morning, both dogs are fine")]
    public async Task An_everyday_line_without_I_reads_as_nothing(string text)
    {
        var reading = await model.Detector.AssessAsync(text, CrisisRole.RoomMember, languageHint: null);

        Assert.True(reading.UsedModel);
        Assert.Equal(CrisisLevel.None, reading.Level);
    }

    /// <summary>
    /// Stop 53: "off myself" matched "of myself" (phrases match on skeletons), and the model read "take care of myself"
    /// and a goodnight to a room (its subject dropped) as crisis. Everyday self-care and sign-offs read as nothing; the
    /// crisis forms still read.
    /// </summary>
    [Theory]
    [InlineData("i need to take care of myself", CrisisLevel.None)]
    [InlineData("so proud of myself today", CrisisLevel.None)]
    [InlineData("i am ashamed of myself", CrisisLevel.None)]
    [InlineData("love you all, goodnight everyone", CrisisLevel.None)]
    [InlineData("thats it from me for tonight, night all", CrisisLevel.None)]
    [InlineData("im gonna off myself tonight", CrisisLevel.Crisis)]
    [InlineData("i cant take care of myself anymore, i want to die", CrisisLevel.Crisis)]
    public async Task Self_care_and_sign_offs_read_as_nothing_and_the_crisis_forms_still_read(string text, CrisisLevel expected)
    {
        var reading = await model.Detector.AssessAsync(text, CrisisRole.RoomMember, languageHint: null);

        Assert.Equal(expected, reading.Level);
    }
}
