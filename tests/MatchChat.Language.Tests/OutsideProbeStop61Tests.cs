using MatchChat.Language.Detection;
using MatchChat.Language.Normalisation;
using MatchChat.Language.Rules;
using Xunit.Abstractions;

namespace MatchChat.Language.Tests;

/// <summary>
/// Stop 61: what outside testers found through the server, and the general forms written for it (Data/stop61.tsv; stop 62's
/// everyday doses in Data/stop62.tsv; stop 64's everyday requests, exclamations and goodnights in Data/stop64.tsv; stop 65's farewells as goodnights in
/// Data/stop65.tsv). Read
/// as the silo reads: the screen without a language, the model with the line's; a "-note" group is a request note. Every
/// crisis line must read crisis, every safe line nothing, a concern line (loneliness) anything but crisis.
/// </summary>
public sealed class OutsideProbeStop61Tests(ModelFixture model, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    [Theory]
    [InlineData("stop61")]
    [InlineData("stop62")]
    [InlineData("stop64")]
    [InlineData("stop65")]
    public async Task Probe_lines_and_their_general_forms(string set)
    {
        var wrong = new List<string>();
        var results = new List<(LabelledLine, CrisisAssessment)>();
        foreach (var line in LabelledLine.Load($"Data/{set}.tsv"))
        {
            var source = line.Group.EndsWith("-note", StringComparison.Ordinal) ? CrisisTextSource.RequestNote : CrisisTextSource.Message;
            var screen = model.Detector.Screen(line.Text, line.Role, languageHint: null, source);
            var reading = await model.Detector.CompleteAsync(screen, line.Text, line.Language);
            results.Add((line, reading));
            var ok = line.Expected switch
            {
                CrisisLevel.Crisis => reading.Level == CrisisLevel.Crisis,
                CrisisLevel.Concern => reading.Level != CrisisLevel.Crisis,
                _ => reading.Level == CrisisLevel.None,
            };
            if (!ok)
            {
                wrong.Add($"[{line.Group}] expected {line.Expected}, read {reading.Level} (model {reading.UsedModel}): {line.Text}");
            }
        }

        output.WriteLine(new AccuracyReport(results).Table($"{set}, as the silo reads it"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("1 w4nt 2 d13", "i want to die")]
    [InlineData("1 just want 2 die", "i just want to die")]
    [InlineData("how 2 kill myself", "how to kill myself")]
    [InlineData("at 1 am i was awake", "at 1 am i was awake")]
    [InlineData("took 2 pills for my head", "took 2 pills for my head")]
    [InlineData("i have 2 cats", "i have 2 cats")]
    [InlineData("1 more day", "1 more day")]
    public void Lone_digits_read_as_words_only_where_a_word_is_meant(string text, string expected) =>
        Assert.Equal(expected, string.Join(" ", TextNormaliser.Normalise(text).Tokens.Select(t => t.Text)));

    [Theory]
    [InlineData("i want to end this conversation", "end")]
    [InlineData("can we end the call here", "end")]
    [InlineData("ending my lease early", "end")]
    [InlineData("i want to end things with him", "end")]
    [InlineData("my partner left me", "partner")]
    [InlineData("she dumped me", "partner")]
    [InlineData("nobody texts me back anymore", "nobody")]
    [InlineData("the bridge near my house is closed for repairs", "place")]
    [InlineData("took 2 pills for my headache", "dose")]
    [InlineData("taking ibuprofen for my bad back", "dose")]
    [InlineData("took 30 pills for my headache", null)]
    [InlineData("took all my pills for the pain", null)]
    [InlineData("took 2 pills for my headache so i never wake up", null)]
    [InlineData("i want to end my life", null)]
    [InlineData("i want to end my own life", null)]
    [InlineData("i want to end my lfie", null)]
    [InlineData("i want to end it all", null)]
    [InlineData("i want to end the pain", null)]
    [InlineData("i just want to end this torture", null)]
    [InlineData("i want to end this now", null)]
    [InlineData("i want to end this conversation forever", null)]
    [InlineData("shoot me a message later", "contact")]
    [InlineData("can you shoot me a quick dm", "contact")]
    [InlineData("just shoot me", null)]
    [InlineData("and hit me again", null)]
    [InlineData("you hit me", null)]
    [InlineData("shoot,", "exclaim")]
    [InlineData("i'm at the end of my rope with my toddler", "worn")]
    [InlineData("i'm at the end of my rope", null)]
    [InlineData("i need to cut ties with my family", "worn")]
    [InlineData("i need to cut ties with everyone", null)]
    [InlineData("i'm off to bed", "bed")]
    [InlineData("i'm going to sleep now", null)]
    [InlineData("signing off", null)]
    [InlineData("im on the bridge looking down at the traffic", null)]
    [InlineData("standing on the roof one last time to watch the stars", null)]
    public void Everyday_clauses_are_told_from_a_life_ended(string clause, string? kind) =>
        Assert.Equal(kind, EverydayClause.KindOf(clause));

    /// <summary>Stop 62: a usual dose is cut from what the model reads only when the clause is that dose and nothing more,
    /// and nothing in the text makes it more (a review's lines: each of the first ten was cut by the first version).</summary>
    [Theory]
    [InlineData("took 2 pills for my headache then swallowed the rest of the bottle", false)]
    [InlineData("took 2 pills for my headache then another 40", false)]
    [InlineData("I took my pills for my back all at once", false)]
    [InlineData("took some painkillers for my back along with all my sleeping pills", false)]
    [InlineData("I have the pills for my back ready for tonight", false)]
    [InlineData("I have the pills for my back up plan", false)]
    [InlineData("took the pills for my back to finally dye", false)]
    [InlineData("took my pills for my back, all of them", false)]
    [InlineData("took my pills for my back, the whole lot", false)]
    [InlineData("took 2 pills for my headache so i never wake up", false)]
    [InlineData("my words that will be erased", true)]
    [InlineData("please delete my chat history", true)]
    [InlineData("delete all my messages. goodbye", false)]
    [InlineData("how do i delete my account", false)]
    [InlineData("erase my messages, i won't be here tomorrow to read them", false)]
    [InlineData("please delete my messages when i'm no longer here", false)]
    [InlineData("delete my messages before i do it", false)]
    [InlineData("delete all my messages if i dont make it through the night", false)]
    [InlineData("make sure my messages are deleted when i'm not here", false)]
    [InlineData("my messages will be erased just like me", false)]
    [InlineData("my notes are saved in my drawer for my family", false)]
    [InlineData("i'm deleting all my messages and then myself", false)]
    [InlineData("all my messages will be deleted soon and so will i", false)]
    [InlineData("i want all my messages erased so there's nothing left of me", false)]
    [InlineData("these messages will be erased after 30 days right?", true)]
    [InlineData("took two pills for my headache. then fifteen", false)]
    [InlineData("popped a couple of pills for my headache, a few dozen actually", false)]
    [InlineData("i took my tablets for my headache, twice", false)]
    [InlineData("on my meds for my head, doubled it", false)]
    [InlineData("took 2 pills for my headache", true)]
    [InlineData("took 2 paracetamols for headache", true)]
    [InlineData("took 2 pills for my really bad headache", true)]
    [InlineData("I'm on antibiotics for my chest infection", true)]
    [InlineData("took 2 pills for my sore head earlier", true)]
    public void A_usual_dose_or_ones_data_erased_is_cut_only_when_nothing_makes_it_more(string text, bool cut) =>
        Assert.Equal(cut, EverydayClause.Without(text) is not null);

    [Fact]
    public void The_model_reads_what_is_left_after_an_everyday_clause()
    {
        Assert.Equal("nobody would miss me anyway", EverydayClause.Without("i want to end this conversation, nobody would miss me anyway"));
        Assert.Equal("and i dont see the point anymore", EverydayClause.Without("my boyfriend left me and i dont see the point anymore"));
        Assert.Equal("", EverydayClause.Without("I want to end this relationship"));
        Assert.Null(EverydayClause.Without("I want to end my life"));
    }

    /// <summary>A goodnight is everyday only beside going to bed and looking to the morning; "going to sleep", "signing off",
    /// "bye", "goodbye" and "take care" are said as farewells and stay with the model (a review).</summary>
    [Theory]
    [InlineData("I'm off to bed, good night all", true)]
    [InlineData("off to bed now, night everyone", true)]
    [InlineData("time for bed, see you tomorrow", true)]
    [InlineData("off to bed, good night forever", false)]
    [InlineData("I'm off to bed, goodbye all", false)]
    [InlineData("i'm going to sleep now, bye everyone", false)]
    [InlineData("signing off, goodbye everyone.", false)]
    [InlineData("time to go to sleep. goodbye all. take care everyone", false)]
    [InlineData("need to go to sleep, bye bye everyone", false)]
    [InlineData("off to bed, good night, i won't be here tomorrow", false)]
    public void A_goodnight_is_everyday_only_beside_bed_and_the_morning(string text, bool everyday) =>
        Assert.Equal(everyday, EverydayClause.OnlyBedtime(text));
}
