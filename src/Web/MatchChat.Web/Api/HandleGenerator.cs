using System.Security.Cryptography;

namespace MatchChat.Web.Api;

/// <summary>Pseudonyms such as QuietHarbor-417: calm words, never chosen by the member.</summary>
public static class HandleGenerator
{
    private static readonly string[] Adjectives =
    [
        "Quiet", "Gentle", "Steady", "Kind", "Warm", "Calm", "Bright", "Patient", "Soft", "Brave",
        "Hopeful", "Still", "Open", "Tender", "Clear", "Golden", "Silver", "Morning", "Evening", "Mellow",
    ];

    private static readonly string[] Nouns =
    [
        "Harbor", "River", "Meadow", "Willow", "Lantern", "Cedar", "Sparrow", "Shore", "Maple", "Brook",
        "Garden", "Pebble", "Hill", "Cloud", "Fern", "Heron", "Orchard", "Ember", "Harvest", "Tide",
    ];

    public static string Next() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(100, 10000)}";
}
