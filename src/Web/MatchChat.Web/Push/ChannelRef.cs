using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;

namespace MatchChat.Web.Push;

/// <summary>Resolves a channel name to its grain.</summary>
public static class ChannelRef
{
    public static IChannelGrain Grain(IGrainFactory grains, string channel) =>
        channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal)
            ? grains.GetGrain<IConversationGrain>(channel[Channels.ConversationPrefix.Length..])
            : grains.GetGrain<IRoomGrain>(channel[Channels.RoomPrefix.Length..]);
}
