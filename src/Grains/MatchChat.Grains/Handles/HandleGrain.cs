using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;

namespace MatchChat.Grains.Handles;

/// <summary>One per handle: the first member to claim it owns it.</summary>
public sealed class HandleGrain([PersistentState("handle", StorageNames.Grains)] IPersistentState<HandleState> state) : Grain, IHandleGrain
{
    public async Task<bool> Claim(string memberId)
    {
        if (state.State.OwnerId is null)
        {
            state.State.OwnerId = memberId;
            await state.WriteStateAsync();
        }

        return state.State.OwnerId == memberId;
    }
}
