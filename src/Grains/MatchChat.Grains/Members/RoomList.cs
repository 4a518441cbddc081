using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;

namespace MatchChat.Grains.Members;

/// <summary>The topic rooms a member has joined. The room grain owns membership; this list says which channels to subscribe.</summary>
internal sealed class RoomList(IMemberContext m)
{
    private MemberState S => m.State;

    public IEnumerable<string> Channels => S.Rooms.Select(Contracts.Model.Channels.ForRoom);

    public async Task<Room> Join(string slug)
    {
        m.RequireTopic(slug);
        var room = await m.Grains.GetGrain<IRoomGrain>(slug).Join(m.MemberId, S.Handle!);
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

    public async Task Leave(string slug)
    {
        if (!S.Rooms.Contains(slug))
        {
            throw MatchChatException.NotFound("You are not in that room.");
        }

        await m.Grains.GetGrain<IRoomGrain>(slug).Leave(m.MemberId);
        await m.Writes.Change(s => s.Rooms.Remove(slug));
        m.Notify(n => n.ChannelLeft(m.MemberId, Contracts.Model.Channels.ForRoom(slug)));
    }
}
