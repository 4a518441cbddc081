namespace MatchChat.Bench.Scenarios;

/// <summary>Every scenario in this assembly, in run order: by name, shorter first (S0, S1, …, S9, S10).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } = typeof(Scenario).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(Scenario)))
        .Select(t => (Scenario)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Name.Length)
        .ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The scenarios this pass runs: with <c>--soak</c> only the soak; otherwise those that always run and those
    /// <c>--only</c> selects (without it: all but those that run only when asked by name, like the soak).
    /// </summary>
    public static IReadOnlyList<Scenario> Selected(Options options) =>
        options.Soak is not null
            ? All.Where(s => s.OnlyWhenAsked).ToList()
            : All.Where(s => s.AlwaysRuns || (options.Runs(s.Name) && (!s.OnlyWhenAsked || options.Only.Contains(s.Name)))).ToList();
}
