using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;

namespace MatchChat.Grains.Reports;

/// <summary>The grain behind a channel name (<c>conversation:&lt;id&gt;</c> or <c>room:&lt;slug&gt;</c>).</summary>
internal static class ChannelGrains
{
    public static bool IsConversation(string channel) => channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal);

    public static IChannelGrain Of(IGrainFactory grains, string channel) =>
        IsConversation(channel)
            ? grains.Ref<IConversationGrain>(channel[Channels.ConversationPrefix.Length..])
            : grains.Ref<IRoomGrain>(channel[Channels.RoomPrefix.Length..]);
}
