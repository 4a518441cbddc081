using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;

namespace MatchChat.Web.Push;

/// <summary>Resolves a channel name to its grain (references built by <see cref="GrainRefs"/>).</summary>
public static class ChannelRef
{
    public static IChannelGrain Grain(IGrainFactory grains, string channel) =>
        ConversationIdOf(channel) is { } conversationId
            ? grains.Ref<IConversationGrain>(conversationId)
            : grains.Ref<IRoomGrain>(channel[Channels.RoomPrefix.Length..]);

    /// <summary>The conversation's id for a conversation's channel; null for any other channel.</summary>
    public static string? ConversationIdOf(string channel) =>
        channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal) ? channel[Channels.ConversationPrefix.Length..] : null;
}
