namespace MatchChat.Storage.Tests.Orleans;

/// <summary>Keeps its state in the default grain storage, which <c>UseMatchChatPostgres</c> also puts on PostgreSQL.</summary>
public sealed class GuidProbeGrain([PersistentState("g")] IPersistentState<ProbeState> state) : Grain, IGuidProbeGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
}
