using MatchChat.Contracts;
using MatchChat.Contracts.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MatchChat.Hosting.Health;

/// <summary>Healthy when a silo answers a call that touches no storage (<see cref="IPingGrain"/>) within a few seconds.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await grains.Ref<IPingGrain>(0).Ping().WaitAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: its text stays out of the health report.
            return HealthCheckResult.Unhealthy($"the cluster does not answer ({e.GetType().Name})");
        }
    }
}
