using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Handles;

/// <summary>One per handle: the first member to claim it owns it; a member that could not be created gives it back.</summary>
public sealed class HandleGrain(
    [PersistentState("handle", StorageNames.Grains)] IPersistentState<HandleState> state,
    DeepCopier<HandleState> copier,
    ILogger<HandleGrain> logger) : Grain, IHandleGrain
{
    private WriteThrough<HandleState>? _writes;

    private WriteThrough<HandleState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    public async Task<bool> Claim(string memberId)
    {
        if (state.State.OwnerId is null)
        {
            await Writes.Change(s => s.OwnerId = memberId);
        }

        return state.State.OwnerId == memberId;
    }

    public async Task Release(string memberId)
    {
        if (state.State.OwnerId == memberId)
        {
            await Writes.Change(s => s.OwnerId = null);
        }
    }

    public Task<string?> Owner() => Task.FromResult(state.State.OwnerId);
}
