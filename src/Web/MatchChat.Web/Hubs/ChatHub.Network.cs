using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
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
        var handle = InputRules.Handle(preferHandle, "preferHandle");
        var preferredId = await MyNetwork.ContactId(handle);
        if ((await Me.ListConversations()).Any(c => c.EndedAt is null && c.PeerHandle == handle))
        {
            // A second chat with the person you are talking with now would be declined by them (never the same pair twice).
            throw MatchChatException.Conflict($"You are already in a conversation with {handle}. Open it from Your chats.");
        }

        return await Me.RequestListenerPreferring(topic, experiences, note, preferredId);
    }
}
