using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MatchChat.Contracts.Crisis;

/// <summary>
/// The configured crisis and support resources. <c>MatchChat:Resources:Entries</c> (a list of Resource fields)
/// or a JSON file named by <c>MatchChat:Resources:File</c> replaces the shipped <see cref="DefaultResources"/>;
/// <c>MatchChat:Resources:DefaultRegion</c> (default <c>US</c>) is used when a member has no region.
/// </summary>
public sealed class ResourceCatalog(IReadOnlyList<Resource> entries, string defaultRegion)
{
    public IReadOnlyList<Resource> All { get; } = entries;

    public string DefaultRegion { get; } = defaultRegion.ToUpperInvariant();

    public static ResourceCatalog Default { get; } = new(DefaultResources.Entries, "US");

    /// <summary>
    /// Resources for a region (and everywhere), crisis lines first, then helplines, professional help and
    /// communities; within a kind, the region's own before the international ones, the member's language first.
    /// A resource tied to topics is shown only for those topics.
    /// </summary>
    public IReadOnlyList<Resource> For(string? region, string? language, string? topic)
    {
        var wanted = string.IsNullOrEmpty(region) ? DefaultRegion : region.ToUpperInvariant();
        return All
            .Where(r => r.Region == "*" || string.Equals(r.Region, wanted, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Topics.Length == 0 || (topic is not null && r.Topics.Contains(topic, StringComparer.Ordinal)))
            .OrderBy(r => ResourceKinds.Rank(r.Kind))
            .ThenBy(r => r.Region == "*" ? 1 : 0)
            .ThenBy(r => language is not null && r.Languages.Contains(language, StringComparer.OrdinalIgnoreCase) ? 0 : 1)
            .ToArray();
    }

    public static ResourceCatalog FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("MatchChat:Resources");
        var defaultRegion = section["DefaultRegion"] is { Length: > 0 } r ? r : "US";
        if (!IsRegion(defaultRegion))
        {
            throw new InvalidOperationException("MatchChat:Resources:DefaultRegion must be an ISO 3166-1 alpha-2 code such as GB.");
        }

        var entries = section.GetSection("Entries").GetChildren().Select(Read).ToList();
        if (section["File"] is { Length: > 0 } file)
        {
            entries.AddRange(ReadFile(file));
        }

        foreach (var e in entries)
        {
            if (e.Name.Length == 0 || e.Contact.Length == 0 || (e.Region != "*" && !IsRegion(e.Region)) || ResourceKinds.Rank(e.Kind) == ResourceKinds.InOrder.Count)
            {
                throw new InvalidOperationException(
                    $"MatchChat:Resources has an invalid entry '{e.Name}' (needs Name, Contact, Region as two letters or *, Kind crisis|helpline|professional|community).");
            }
        }

        return new ResourceCatalog(entries.Count == 0 ? DefaultResources.Entries : entries, defaultRegion);
    }

    public static bool IsRegion(string? value) =>
        value is { Length: 2 } && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]);

    private static Resource Read(IConfigurationSection c) => new(
        c["Name"] ?? "",
        c["Contact"] ?? "",
        c["Url"] ?? "",
        (c["Region"] ?? "").ToUpperInvariant(),
        c.GetSection("Languages").GetChildren().Select(l => l.Value ?? "").Where(l => l.Length > 0).ToArray(),
        c["Hours"] ?? "",
        c["Kind"] ?? ResourceKinds.Helpline,
        c.GetSection("Topics").GetChildren().Select(t => t.Value ?? "").Where(t => t.Length > 0).ToArray());

    private static IEnumerable<Resource> ReadFile(string path)
    {
        var json = File.ReadAllText(path);
        var items = JsonSerializer.Deserialize<ResourceFileEntry[]>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
        return items.Select(i => new Resource(
            i.Name ?? "", i.Contact ?? "", i.Url ?? "", (i.Region ?? "").ToUpperInvariant(), i.Languages ?? [], i.Hours ?? "", i.Kind ?? ResourceKinds.Helpline, i.Topics ?? []));
    }
}
