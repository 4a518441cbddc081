using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;


namespace MatchChat.Web.Push;

/// <summary>
/// Resolves a channel name to its grain. <c>GetGrain&lt;T&gt;(key)</c> resolves the interface type by reflection on
/// every call in Orleans 10 (6 % of the server's CPU per SendMessage in benchmark S1), so the grain and interface
/// types are taken once from a first reference and later references are built from a <see cref="GrainId"/>.
/// </summary>
public static class ChannelRef
{
    private static Resolved? _conversation;
    private static Resolved? _room;

    public static IChannelGrain Grain(IGrainFactory grains, string channel) =>
        channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal)
            ? Get<IConversationGrain>(grains, ref _conversation, channel[Channels.ConversationPrefix.Length..])
            : Get<IRoomGrain>(grains, ref _room, channel[Channels.RoomPrefix.Length..]);

    private static T Get<T>(IGrainFactory grains, ref Resolved? resolved, string key)
        where T : IGrainWithStringKey
    {
        if (resolved is null)
        {
            var first = (GrainReference)(object)grains.GetGrain<T>(key);
            resolved = new Resolved(first.GrainId.Type, first.InterfaceType);
            return (T)(object)first;
        }

        return (T)grains.GetGrain(GrainId.Create(resolved.GrainType, key), resolved.InterfaceType);
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
