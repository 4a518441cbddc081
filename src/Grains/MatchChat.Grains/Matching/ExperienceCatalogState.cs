namespace MatchChat.Grains.Matching;

/// <summary>[network] Tags in use and how many profiles brought each (at most <c>IExperienceCatalogGrain.MaxTags</c>). Vectors are memory only.</summary>
[GenerateSerializer, Alias("MatchChat.ExperienceCatalogState")]
public sealed class ExperienceCatalogState
{
    [Id(0)] public Dictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);
}
