namespace MatchChat.Contracts.Health;

/// <summary>Answers from any silo, touching no storage: /healthz uses it to know the cluster serves calls.</summary>
[Alias("MatchChat.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")] Task<bool> Ping();
}
