namespace MatchChat.Bench.Scenarios;

/// <summary>
/// One benchmark scenario. <see cref="ScenarioCatalog"/> finds every non-abstract subclass in this assembly, so a new
/// scenario is one new file: a subclass with a parameterless constructor. Scenarios run in the order of their names
/// (S0, S1, …, S9, S10), after S0.
/// </summary>
public abstract class Scenario
{
    /// <summary>What <c>--only</c> selects and what the table's scenario column shows, e.g. "S1".</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Runs whatever <c>--only</c> says and is not guarded: the other scenarios are compared with its figures (S0).</summary>
    public virtual bool AlwaysRuns => false;

    /// <summary>Needs a MatchChat.Web build; skipped (with a note) when it is missing or did not build.</summary>
    public virtual bool NeedsMatchChat => true;

    /// <summary>Compared with the S0 relay baseline: S0 keeps its relay pairs on the echo server connected for it.</summary>
    public virtual bool UsesRelayBaseline => false;

    /// <summary>
    /// Runs on <see cref="ScenarioContext.InMemoryRelayAsync"/>: consecutive scenarios that say so share one MatchChat
    /// server and one set of conversations; the runner stops it before the next scenario that does not.
    /// </summary>
    public virtual bool UsesInMemoryRelay => false;

    /// <summary>Not part of <c>--quick</c>/<c>--full</c>: runs with <c>--soak</c> or <c>--only</c> naming it (the chaos soak).</summary>
    public virtual bool OnlyWhenAsked => false;

    public abstract Task RunAsync(ScenarioContext context);
}
