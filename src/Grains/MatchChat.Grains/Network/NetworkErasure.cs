using MatchChat.Contracts;
using MatchChat.Contracts.Network;
using MatchChat.Grains.Members;

namespace MatchChat.Grains.Network;

/// <summary>
/// Deletion erases the member's own network. Others who kept them as a contact drop them when they next read their network
/// (the member no longer exists); the handle alone is all they ever held.
/// </summary>
public sealed class NetworkErasure : IMemberErasure
{
    public Task EraseAsync(string memberId, IGrainFactory grains) => grains.Ref<ISupportNetworkGrain>(memberId).Clear();
}
