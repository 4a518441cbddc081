using MatchChat.Storage.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MatchChat.Hosting.Health;

/// <summary>Healthy when PostgreSQL accepts a connection and answers <c>SELECT 1</c> within a few seconds.</summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await PostgresHealth.PostgresAnswersAsync(connectionString, timeout.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL does not answer");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer in time");
        }
    }
}
