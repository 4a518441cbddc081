namespace MatchChat.Tests.Support;

/// <summary>The grain tests share one two-silo cluster and run one after another: the storage faults they arm are process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "two-silo cluster";
}
