using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>
/// The exemplar bank (Meaning/Data/exemplars.txt): a few hundred short crisis and safe sentences, embedded once at
/// warm-up and kept in memory (about 250 × 384 floats, ~0.4 MB). <see cref="Score"/> is a k-nearest-neighbour reading:
/// the mean of the text's top-k cosine similarities to the crisis exemplars minus the mean of its top-k to the safe
/// exemplars, and the kind (plan, farewell, ideation, self-harm) of the nearest crisis exemplar. No extra model call:
/// it reuses the text's vector.
/// </summary>
internal sealed class ExemplarBank(float[][] crisis, CrisisReason[] reasons, float[][] safe)
{
    public int Count => crisis.Length + safe.Length;

    public static async Task<ExemplarBank> LoadAsync(ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        var crisis = new List<float[]>();
        var reasons = new List<CrisisReason>();
        var safe = new List<float[]>();
        foreach (var (reason, isSafe, lines) in PrototypeFile.Parse(Lexicon.Lexicon.ReadResource("Meaning.Data.exemplars.txt"), "exemplars.txt"))
        {
            foreach (var vector in await embedder.EmbedManyAsync(lines, cancellationToken).ConfigureAwait(false))
            {
                if (isSafe)
                {
                    safe.Add(vector);
                }
                else
                {
                    crisis.Add(vector);
                    reasons.Add(reason);
                }
            }
        }

        return new ExemplarBank([.. crisis], [.. reasons], [.. safe]);
    }

    public (float Score, CrisisReason Nearest) Score(float[] vector, int k)
    {
        var (crisisMean, nearest) = TopMean(vector, crisis, k);
        var (safeMean, _) = TopMean(vector, safe, k);
        return (crisisMean - safeMean, nearest < 0 ? CrisisReason.None : reasons[nearest]);
    }

    private static (float Mean, int Nearest) TopMean(float[] vector, float[][] bank, int k)
    {
        if (bank.Length == 0)
        {
            return (0, -1);
        }

        k = Math.Clamp(k, 1, bank.Length);
        Span<float> top = stackalloc float[k];
        top.Fill(float.MinValue);
        var best = -1;
        var bestSimilarity = float.MinValue;
        for (var i = 0; i < bank.Length; i++)
        {
            var similarity = PrototypeFile.Dot(vector, bank[i]);
            if (similarity > bestSimilarity)
            {
                bestSimilarity = similarity;
                best = i;
            }

            // keep the k largest: replace the smallest kept one when this one is larger
            var smallest = 0;
            for (var j = 1; j < k; j++)
            {
                if (top[j] < top[smallest])
                {
                    smallest = j;
                }
            }

            if (similarity > top[smallest])
            {
                top[smallest] = similarity;
            }
        }

        var sum = 0f;
        foreach (var s in top)
        {
            sum += s;
        }

        return (sum / k, best);
    }
}
