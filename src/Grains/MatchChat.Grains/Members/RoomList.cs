using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;

namespace MatchChat.Grains.Members;

/// <summary>The topic rooms a member has joined. The room grain owns membership; this list says which channels to subscribe.</summary>
internal sealed class RoomList(IMemberContext m)
{
    private MemberState S => m.State;

    public IEnumerable<string> Channels => S.Rooms.Select(Contracts.Messaging.Channels.ForRoom);

    public async Task<Room> Join(string slug)
    {
        m.RequireTopic(slug);
        var room = await m.Grains.Ref<IRoomGrain>(slug).Join(m.MemberId, S.Handle!);
        await m.Writes.ChangeIf(s =>
        {
            if (s.Rooms.Contains(slug))
            {
                return false;
            }

            s.Rooms.Add(slug);
            return true;
        });
        m.Notify(n => n.ChannelJoined(m.MemberId, room.Channel));
        return room;
    }

    /// <summary>The member is connected again: each room hears that they are present; rooms whose membership lapsed are dropped.</summary>
    public Task MarkPresent() => MarkPresent(S.Rooms.ToList());

    /// <summary>A room that was activated afresh (it moved after a silo loss) learns again that this connected member is present.</summary>
    public Task MarkPresentIn(string channel) =>
        channel.StartsWith(MatchChat.Contracts.Messaging.Channels.RoomPrefix, StringComparison.Ordinal)
        && S.Rooms.Contains(channel[MatchChat.Contracts.Messaging.Channels.RoomPrefix.Length..])
            ? MarkPresent([channel[MatchChat.Contracts.Messaging.Channels.RoomPrefix.Length..]])
            : Task.CompletedTask;

    /// <summary>The member has no connection left: rooms count them out of their present members.</summary>
    public void MarkAbsent()
    {
        foreach (var slug in S.Rooms)
        {
            _ = m.Grains.Ref<IRoomGrain>(slug).Absent(m.MemberId);
        }
    }

    private async Task MarkPresent(List<string> rooms)
    {
        var answers = await Task.WhenAll(rooms.Select(async slug =>
        {
            try
            {
                return await m.Grains.Ref<IRoomGrain>(slug).Seen(m.MemberId);
            }
            catch (Exception)
            {
                return true;  // Unknown now: keep it; the next session asks again.
            }
        }));
        var lapsed = rooms.Where((_, i) => !answers[i]).ToHashSet(StringComparer.Ordinal);
        if (lapsed.Count > 0)
        {
            S.Rooms.RemoveAll(lapsed.Contains);
            await m.Writes.TryWrite("after room memberships lapsed");
        }
    }

    /// <summary>From the room grain (one-way): a moderator removed or banned this member; a fact already true there.</summary>
    public async Task OnRemoved(Room room)
    {
        if (S.Rooms.Remove(room.Slug))
        {
            await m.Writes.TryWrite("after removal from a room");
        }

        m.Notify(n => n.ChannelLeft(m.MemberId, room.Channel));
    }

    public async Task Leave(string slug)
    {
        if (!S.Rooms.Contains(slug))
        {
            throw MatchChatException.NotFound("You are not in that room.");
        }

        // The page that asked, read before the first await: the member's other pages are told (an outside probe: a room
        // left in one tab stayed open in the other).
        var caller = CallerConnection.Get();
        var room = await m.Grains.Ref<IRoomGrain>(slug).Leave(m.MemberId);
        await m.Writes.Change(s => s.Rooms.Remove(slug));
        m.Notify(n => n.ChannelLeft(m.MemberId, Contracts.Messaging.Channels.ForRoom(slug)));
        if (room is not null)
        {
            // Null from a silo not yet upgraded (its Leave answered nothing): the other pages learn at their next ListRooms.
            m.Notify(n => n.LeftRoom(m.MemberId, room with { Left = RoomLeaving.Left }, caller));
        }
    }
}
