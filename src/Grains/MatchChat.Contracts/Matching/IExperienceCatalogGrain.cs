namespace MatchChat.Contracts.Matching;

/// <summary>
/// [network] The experience tags listeners use (key <see cref="Key"/>), at most <see cref="MaxTags"/>, the least used
/// dropped first: the page suggests from these, by meaning, while a seeker writes their note. Off the matching path.
/// </summary>
[Alias("MatchChat.IExperienceCatalogGrain")]
public interface IExperienceCatalogGrain : IGrainWithStringKey
{
    const string Key = "all";
    const int MaxTags = 300;
    const int MaxSuggestions = 5;

    /// <summary>A listener's tags (sent when they volunteer).</summary>
    [Alias("Add"), OneWay] Task Add(string[] experiences);

    /// <summary>Up to <see cref="MaxSuggestions"/> tags in use whose meaning is close to <paramref name="text"/>, leaving out <paramref name="chosen"/>.</summary>
    [Alias("Suggest"), ReadOnly] Task<string[]> Suggest(string text, string[] chosen);
}
