using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>
/// Scores a text against crisis and safe sentence prototypes (Meaning/Data/prototypes.txt: highest similarity) and
/// against the exemplar bank (Meaning/Data/exemplars.txt: k-nearest-neighbour score). Both are embedded once, on
/// first use or at warm-up; one model call per scored text.
/// </summary>
public sealed class PrototypeScorer(ITextEmbedder embedder, int neighbours = PrototypeScorer.DefaultNeighbours)
{
    /// <summary>k of the nearest-neighbour score.</summary>
    public const int DefaultNeighbours = 5;

    private readonly SemaphoreSlim _init = new(1, 1);
    private PrototypeGroup[]? _groups;
    private ExemplarBank? _bank;

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
                var similarity = PrototypeFile.Dot(vector, prototype);
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

        var (neighbourScore, neighbourReason) = _bank!.Score(vector, neighbours);
        return new MeaningScore(crisis, nearest, safe, neighbourScore, neighbourReason);
    }

    /// <summary>Sentences embedded at warm-up (prototypes and exemplars); 0 before.</summary>
    public int Embedded => _groups is null ? 0 : _groups.Sum(g => g.Vectors.Length) + (_bank?.Count ?? 0);

    /// <summary>Embeds the prototypes and the exemplar bank now (about 320 sentences, ~2 s of one core), so the first real call is not the slow one.</summary>
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
            foreach (var (reason, safe, lines) in PrototypeFile.Parse(Lexicon.Lexicon.ReadResource("Meaning.Data.prototypes.txt"), "prototypes.txt"))
            {
                var vectors = await Embedder.EmbedManyAsync(lines, cancellationToken).ConfigureAwait(false);
                groups.Add(new PrototypeGroup(reason, safe, vectors));
            }

            _bank = await ExemplarBank.LoadAsync(Embedder, cancellationToken).ConfigureAwait(false);
            _groups = [.. groups];
            return _groups;
        }
        finally
        {
            _init.Release();
        }
    }
}
