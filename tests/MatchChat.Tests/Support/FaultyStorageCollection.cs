namespace MatchChat.Tests.Support;

/// <summary>
/// Tests that arm <see cref="FaultyGrainStorage"/>, whose faults are process-wide: they run alone, after the parallel
/// ones, so an outage armed here cannot reach another test's cluster and another test's outage cannot reach theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultyStorageCollection
{
    public const string Name = "Faulty grain storage";
}
