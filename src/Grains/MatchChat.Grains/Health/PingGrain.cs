using MatchChat.Contracts.Health;


namespace MatchChat.Grains.Health;

[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<bool> Ping() => Task.FromResult(true);
}
