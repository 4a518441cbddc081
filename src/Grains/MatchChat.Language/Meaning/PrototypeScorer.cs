using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>
/// Scores a text against crisis and safe sentence prototypes (Meaning/Data/prototypes.txt). The prototypes
/// are embedded once, on first use.
/// </summary>
public sealed class PrototypeScorer(ITextEmbedder embedder)
{
    private readonly SemaphoreSlim _init = new(1, 1);
    private PrototypeGroup[]? _groups;

    public ITextEmbedder Embedder { get; } = embedder;

    public async ValueTask<MeaningScore> ScoreAsync(string text, CancellationToken cancellationToken = default)
    {
        var groups = _groups ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        var vector = await Embedder.EmbedAsync(text, cancellationToken).ConfigureAwait(false);
        var crisis = float.MinValue;
        var safe = float.MinValue;
        var nearest = CrisisReason.None;
        foreach (var group in groups)
        {
            foreach (var prototype in group.Vectors)
            {
                var similarity = Dot(vector, prototype);
                if (group.Safe)
                {
                    safe = Math.Max(safe, similarity);
                }
                else if (similarity > crisis)
                {
                    crisis = similarity;
                    nearest = group.Reason;
                }
            }
        }

        return new MeaningScore(crisis, nearest, safe);
    }

    /// <summary>Embeds the prototypes now (about half a second), so the first real call is not the slow one.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default) => await LoadAsync(cancellationToken).ConfigureAwait(false);

    private async ValueTask<PrototypeGroup[]> LoadAsync(CancellationToken cancellationToken)
    {
        await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_groups is not null)
            {
                return _groups;
            }

            var groups = new List<PrototypeGroup>();
            foreach (var (reason, safe, lines) in Parse(Lexicon.Lexicon.ReadResource("Meaning.Data.prototypes.txt")))
            {
                var vectors = new float[lines.Count][];
                for (var i = 0; i < lines.Count; i++)
                {
                    vectors[i] = await Embedder.EmbedAsync(lines[i], cancellationToken).ConfigureAwait(false);
                }

                groups.Add(new PrototypeGroup(reason, safe, vectors));
            }

            _groups = [.. groups];
            return _groups;
        }
        finally
        {
            _init.Release();
        }
    }

    private static IEnumerable<(CrisisReason Reason, bool Safe, List<string> Lines)> Parse(string content)
    {
        (CrisisReason Reason, bool Safe, List<string> Lines)? current = null;
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = line switch
                {
                    "[crisis:plan]" => (CrisisReason.Plan, false, []),
                    "[crisis:farewell]" => (CrisisReason.Farewell, false, []),
                    "[crisis:ideation]" => (CrisisReason.SuicidalIdeation, false, []),
                    "[safe]" => (CrisisReason.None, true, []),
                    _ => throw new FormatException($"prototypes.txt: unknown section {line}."),
                };
                continue;
            }

            current?.Lines.Add(line);
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static float Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = 0f;
        for (var i = 0; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
