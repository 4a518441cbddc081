namespace MatchChat.Tests.Metrics;

/// <summary>
/// The in-process metrics test runs alone, after the parallel tests: OpenTelemetry listens to meters by name across the
/// whole process, so a same-named ASP.NET Core instrument of another test's server (registered first, then disposed
/// with that server) can take the place of this server's. Alone, the scrape shows only this server's instruments.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
