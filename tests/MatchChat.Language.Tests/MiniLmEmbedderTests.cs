using MatchChat.Language.Meaning;

namespace MatchChat.Language.Tests;

/// <summary>
/// Texts that wait for the model together are read in one run (cheaper per text), each caller still gets its own
/// text's vector, and a caller that gives up is told at once without holding up the others.
/// </summary>
public sealed class MiniLmEmbedderTests
{
    private static readonly string[] Texts =
    [
        "i can't do this anymore",
        "my dad died last month and i keep picking up the phone to call him",
        "hi",
        "Does anyone else get panic attacks on the bus? My heart races & I can't breathe...",
        "lol ok that's fair 😂😂",
        "no creo que pueda seguir así, estoy muy cansada",
        "I just want it all to stop. I've been thinking about ending it tonight",
        "",
        "sooooo tired of pretending im fine!!!!!",
        "She said \"you'll be okay\" — but I'm not sure… (are you?)",
    ];

    [Fact]
    public async Task Texts_that_wait_together_are_read_in_batches_and_each_caller_gets_its_own_vector()
    {
        using var embedder = new MiniLmEmbedder();
        using var alone = new MiniLmEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        using var gate = new ManualResetEventSlim();

        // The model's thread is busy (held) while twenty texts arrive from twenty callers.
        var texts = Enumerable.Range(0, 20).Select(i => Texts[i % Texts.Length] + (i >= Texts.Length ? " again" : "")).ToArray();
        var calls = await WhileBusy(embedder, gate, () =>
        {
            var handed = texts.Select(t => embedder.EmbedAsync(t).AsTask()).ToArray();
            Assert.DoesNotContain(handed, c => c.IsCompleted);
            return Task.FromResult(handed);
        });

        var vectors = await Task.WhenAll(calls);

        Assert.Equal((3L, 20L), embedder.Reads);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(alone.Encode(texts[i]), vectors[i]);
        }
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_told_at_once_and_the_texts_around_it_are_still_read()
    {
        using var embedder = new MiniLmEmbedder();
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();

        var (before, after) = await WhileBusy(embedder, gate, async () =>
        {
            var first = embedder.EmbedAsync(Texts[0]).AsTask();
            var givenUp = embedder.EmbedAsync(Texts[1], cancel.Token).AsTask();
            var third = embedder.EmbedAsync(Texts[2]).AsTask();
            await cancel.CancelAsync();

            // While the model is still busy: the caller that gave up already knows.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp);
            Assert.False(first.IsCompleted);
            return (first, third);
        });

        Assert.Equal(384, (await before).Length);
        Assert.Equal(384, (await after).Length);
        Assert.Equal((1L, 2L), embedder.Reads);
    }

    [Fact]
    public async Task Many_texts_from_one_caller_come_back_in_order()
    {
        using var embedder = new MiniLmEmbedder();
        using var alone = new MiniLmEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });

        using var gate = new ManualResetEventSlim();

        // Through the interface (as the warm-ups call it), with the model busy while the first batch is handed over.
        var many = await WhileBusy(embedder, gate, () =>
        {
            var handed = ((ITextEmbedder)embedder).EmbedManyAsync(Texts).AsTask();
            Assert.False(handed.IsCompleted);
            return Task.FromResult(handed);
        });

        var vectors = await many;
        Assert.Equal(Texts.Length, vectors.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(alone.Encode(Texts[i]), vectors[i]);
        }

        // Handed over a batch at a time (one at a time would take ten runs): 8, then the other 2.
        Assert.Equal((2L, (long)Texts.Length), embedder.Reads);
    }

    [Fact]
    public async Task A_crisis_text_is_read_before_matching_texts_that_were_waiting_longer()
    {
        using var embedder = new MiniLmEmbedder();
        using var gate = new ManualResetEventSlim();
        var runs = RecordRuns(embedder);

        // Four listeners' profiles (eight texts each) are waiting when someone writes that they want to end it.
        var profiles = Enumerable.Range(0, 32).Select(i => $"listener {i}: {Texts[i % Texts.Length]}").ToArray();
        var (background, crisis) = await WhileBusy(embedder, gate, () =>
        {
            var waiting = profiles.Select(t => embedder.Background.EmbedAsync(t).AsTask()).ToArray();
            var urgent = embedder.EmbedAsync(Texts[6]).AsTask();
            return Task.FromResult((waiting, urgent));
        });

        Assert.Equal(384, (await crisis).Length);
        await Task.WhenAll(background);

        // The crisis text went into the first run (not the fifth, behind 32 older texts), and every profile text was read.
        Assert.Contains(Texts[6], runs[0]);
        Assert.Equal(profiles.Order(), runs.SelectMany(r => r).Where(t => t != Texts[6]).Order());
        Assert.Equal((5L, 33L), embedder.Reads);
    }

    [Fact]
    public async Task Matching_texts_are_not_starved_by_a_stream_of_crisis_texts()
    {
        using var embedder = new MiniLmEmbedder();
        using var gate = new ManualResetEventSlim();
        var runs = RecordRuns(embedder);

        // Sixteen crisis texts are waiting, and one seeker's note arrived before them.
        var crisisTexts = Enumerable.Range(0, 16).Select(i => $"{Texts[i % Texts.Length]} ({i})").ToArray();
        var (note, crisis) = await WhileBusy(embedder, gate, () =>
        {
            var seeker = embedder.Background.EmbedAsync("my mum has dementia and i am her carer").AsTask();
            var urgent = crisisTexts.Select(t => embedder.EmbedAsync(t).AsTask()).ToArray();
            return Task.FromResult((seeker, urgent));
        });

        await Task.WhenAll(crisis);
        Assert.Equal(384, (await note).Length);

        // The note took the one place a run keeps for waiting matching texts: seven crisis texts and the note, then the
        // other nine crisis texts, eight and one.
        Assert.Equal(crisisTexts[..7].Append("my mum has dementia and i am her carer"), runs[0]);
        Assert.Equal(crisisTexts[7..15], runs[1]);
        Assert.Equal(crisisTexts[15..], runs[2]);
    }

    /// <summary>The texts of each run of the model from now on, in order (filled on the model's thread).</summary>
    private static List<IReadOnlyList<string>> RecordRuns(MiniLmEmbedder embedder)
    {
        var runs = new List<IReadOnlyList<string>>();
        embedder.ReadObserved = runs.Add;
        return runs;
    }

    /// <summary>Runs <paramref name="handOver"/> while the model's thread is held, and lets it go afterwards, also on failure.</summary>
    private static async Task<T> WhileBusy<T>(MiniLmEmbedder embedder, ManualResetEventSlim gate, Func<Task<T>> handOver)
    {
        embedder.Hold(gate);
        try
        {
            return await handOver();
        }
        finally
        {
            gate.Set();
        }
    }
}
