namespace MatchChat.Durability.Tests;

/// <summary>One private PostgreSQL for every durability test; each test uses its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<MatchChat.Storage.Tests.PostgresFixture>
{
    public const string Name = "postgres";
}
