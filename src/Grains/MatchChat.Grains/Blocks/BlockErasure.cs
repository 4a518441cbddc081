using MatchChat.Contracts;
using MatchChat.Contracts.Blocks;
using MatchChat.Grains.Members;

namespace MatchChat.Grains.Blocks;

/// <summary>Deletion erases the member's block list (whom they blocked); <see cref="IBlockListGrain.Clear"/> never calls the member back.</summary>
public sealed class BlockErasure : IMemberErasure
{
    public Task EraseAsync(string memberId, IGrainFactory grains) => grains.Ref<IBlockListGrain>(memberId).Clear();
}
