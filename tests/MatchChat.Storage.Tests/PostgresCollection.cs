namespace MatchChat.Storage.Tests;

/// <summary>Every test class that needs PostgreSQL joins this collection: one server per run, classes run one at a time
/// (a restart test must not cut another class's connections).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
