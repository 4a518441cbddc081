using MatchChat.Contracts;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Network;

namespace MatchChat.Web.Hubs;

/// <summary>
/// AddToNetwork, RemoveFromNetwork, ListNetwork and RequestListener's preferHandle (PROTOCOL.md [network]): by handle only;
/// the network grain holds the member ids and never hands them to a client.
/// </summary>
public sealed partial class ChatHub
{
    private ISupportNetworkGrain MyNetwork => grains.Ref<ISupportNetworkGrain>(MemberId);

    public Task AddToNetwork(string conversationId) => MyNetwork.Add(InputRules.Id(conversationId, "conversationId"));

    public Task RemoveFromNetwork(string handle) => MyNetwork.Remove(InputRules.Handle(handle));

    public Task<NetworkContact[]> ListNetwork() => MyNetwork.List();

    /// <summary>preferHandle must name someone in the caller's network (not_found otherwise, and nothing changes).</summary>
    private async Task<QueueTicket> RequestPreferring(string topic, string[] experiences, string? note, string preferHandle)
    {
        var preferredId = await MyNetwork.ContactId(InputRules.Handle(preferHandle, "preferHandle"));
        return await Me.RequestListenerPreferring(topic, experiences, note, preferredId);
    }
}
