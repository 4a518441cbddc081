using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;

namespace MatchChat.Web.Push;

/// <summary>Resolves a channel name to its grain (references built by <see cref="GrainRefs"/>).</summary>
public static class ChannelRef
{
    public static IChannelGrain Grain(IGrainFactory grains, string channel) =>
        channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal)
            ? grains.Ref<IConversationGrain>(channel[Channels.ConversationPrefix.Length..])
            : grains.Ref<IRoomGrain>(channel[Channels.RoomPrefix.Length..]);
}
