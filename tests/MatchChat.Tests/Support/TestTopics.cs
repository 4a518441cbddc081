namespace MatchChat.Tests.Support;

/// <summary>Each test uses its own topics so queues never share listeners across tests.</summary>
public static class TestTopics
{
    public const int Count = 102;

    public static string Slug(int i) => $"t{i:00}";

    /// <summary>Settings for MatchChat:Topics: the default six, t00..t101 for all, teen-room for teens, adult-room for adults.</summary>
    public static Dictionary<string, string?> Settings()
    {
        // The crisis screen runs, without the large model (tests that need it turn it on: CrisisModelServerFixture);
        // matching is by shared tags alone unless a test turns meaning on (MeaningServerFixture).
        var settings = new Dictionary<string, string?> { ["MatchChat:Crisis:Model"] = "false", ["MatchChat:Matching:Meaning"] = "false" };
        var slugs = new[] { "grief", "anxiety", "depression", "loneliness", "relationships", "stress" }
            .Select(s => (s, "all"))
            .Concat(Enumerable.Range(0, Count).Select(i => (Slug(i), "all")))
            .Append(("teen-room", "teen"))
            .Append(("adult-room", "adult"))
            .ToArray();
        for (var i = 0; i < slugs.Length; i++)
        {
            settings[$"MatchChat:Topics:{i}:Slug"] = slugs[i].Item1;
            settings[$"MatchChat:Topics:{i}:Title"] = slugs[i].Item1;
            settings[$"MatchChat:Topics:{i}:Audience"] = slugs[i].Item2;
        }

        return settings;
    }
}
