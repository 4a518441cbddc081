using MatchChat.Contracts.Grains;
using MatchChat.Grains.Hosting;

namespace MatchChat.Grains.Handles;

/// <summary>One per handle: the first member to claim it owns it.</summary>
public sealed class HandleGrain([PersistentState("handle", StorageNames.Grains)] IPersistentState<HandleState> state) : Grain, IHandleGrain
{
    public async Task<bool> Claim(string memberId)
    {
        if (state.State.OwnerId is null)
        {
            await SetOwner(memberId);
        }

        return state.State.OwnerId == memberId;
    }

    public async Task Release(string memberId)
    {
        if (state.State.OwnerId == memberId)
        {
            await SetOwner(null);
        }
    }

    /// <summary>Writes the new owner, or keeps the old one in memory too when the write fails, so memory never runs ahead of storage.</summary>
    private async Task SetOwner(string? ownerId)
    {
        var before = state.State.OwnerId;
        state.State.OwnerId = ownerId;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.OwnerId = before;
            throw;
        }
    }
}
