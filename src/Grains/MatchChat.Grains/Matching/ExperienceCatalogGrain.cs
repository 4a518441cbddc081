using MatchChat.Contracts.Matching;
using MatchChat.Grains.Hosting;
using MatchChat.Language.Matching;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] The catalogue of experience tags in use, for suggestions while a seeker types. Tag vectors are made once
/// per tag and kept in memory (remade after activation, on a timer); the text being typed is embedded per call, within
/// the meaning timeout, and never kept or logged. Reentrant: changes happen before the first await.
/// </summary>
[Reentrant]
public sealed class ExperienceCatalogGrain(
    [PersistentState("experiences", StorageNames.Grains)] IPersistentState<ExperienceCatalogState> state,
    MeaningService meaning,
    ILogger<ExperienceCatalogGrain> logger) : Grain, IExperienceCatalogGrain
{
    /// <summary>Similarity from which a tag is suggested.</summary>
    public const float SuggestFrom = 0.30f;

    private readonly Dictionary<string, QuantisedVector> _vectors = new(StringComparer.Ordinal);
    private IGrainTimer? _embedTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleEmbedding();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Add(string[] experiences)
    {
        var added = false;
        foreach (var tag in experiences)
        {
            added |= !state.State.Counts.ContainsKey(tag);
            state.State.Counts[tag] = state.State.Counts.GetValueOrDefault(tag) + 1;
        }

        foreach (var drop in state.State.Counts.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                     .Take(Math.Max(0, state.State.Counts.Count - IExperienceCatalogGrain.MaxTags)).Select(c => c.Key).ToList())
        {
            state.State.Counts.Remove(drop);
            _vectors.Remove(drop);
        }

        if (added)
        {
            ScheduleEmbedding();
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Experience catalogue not stored ({ExceptionType}); the next volunteer adds the tags again", e.GetType().Name);
        }
    }

    public async Task<string[]> Suggest(string text, string[] chosen)
    {
        if (_vectors.Count == 0 || await meaning.Text(text) is not { } v)
        {
            return [];
        }

        return _vectors
            .Where(t => !chosen.Contains(t.Key) && SensitiveTags.Evidenced(t.Key, text))
            .Select(t => (Tag: t.Key, Similarity: QuantisedVector.Similarity(v.Values, v.Scale, t.Value.Values, t.Value.Scale)))
            .Where(t => t.Similarity >= SuggestFrom)
            .OrderByDescending(t => t.Similarity)
            .Take(IExperienceCatalogGrain.MaxSuggestions)
            .Select(t => t.Tag)
            .ToArray();
    }

    private void ScheduleEmbedding() =>
        _embedTimer ??= this.RegisterGrainTimer(_ => EmbedMissing(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

    private async Task EmbedMissing()
    {
        _embedTimer?.Dispose();
        _embedTimer = null;
        foreach (var tag in state.State.Counts.Keys.Where(t => !_vectors.ContainsKey(t)).ToList())
        {
            if (await meaning.Text(MatchText.Words(tag), gloss: false) is { } v)
            {
                _vectors[tag] = v;
            }
        }
    }
}
