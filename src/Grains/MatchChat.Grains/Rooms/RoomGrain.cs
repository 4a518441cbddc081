using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Push;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Rooms;

/// <summary>One per topic room: who has joined, and the room's messages (through the store).</summary>
public sealed class RoomGrain(
    [PersistentState("room", StorageNames.Grains)] IPersistentState<RoomState> state,
    TopicCatalog topics,
    IMessageStore store,
    IOptions<MatchChatTimings> timings,
    TimeProvider time) : ChannelGrainBase(store, timings, time), IRoomGrain
{
    private string Slug => this.GetPrimaryKeyString();

    protected override string Channel => Channels.ForRoom(Slug);

    protected override IEnumerable<string> MemberIds => state.State.Members.Keys;

    public async Task<Room> Join(string memberId, string handle)
    {
        if (state.State.Members.TryAdd(memberId, handle))
        {
            await state.WriteStateAsync();
            PushCount();
        }

        return Snapshot();
    }

    public async Task Leave(string memberId)
    {
        if (state.State.Members.Remove(memberId))
        {
            await state.WriteStateAsync();
            PushCount();
        }
    }

    public Task<Room> Describe() => Task.FromResult(Snapshot());

    protected override string RequireReader(string memberId) =>
        state.State.Members.TryGetValue(memberId, out var handle)
            ? handle
            : throw MatchChatException.Forbidden("Join the room first.");

    private Room Snapshot()
    {
        var topic = topics.Find(Slug) ?? throw MatchChatException.NotFound("There is no room with that name.");
        return new Room(Slug, Channel, topic.Title, topic.Audience, state.State.Members.Count);
    }

    private void PushCount()
    {
        var room = Snapshot();
        Nodes.Notify(n => n.RoomUpdated(room));
    }
}
