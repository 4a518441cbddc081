using MatchChat.Contracts.Messaging;


namespace MatchChat.Contracts.Rooms;

/// <summary>Key: topic slug. Joined members (a membership lapses after a long absence) and next seq; messages live in the message store.</summary>
[Alias("MatchChat.IRoomGrain")]
public interface IRoomGrain : IChannelGrain
{
    [Alias("Join")] Task<Room> Join(string memberId, string handle);
    [Alias("Leave")] Task<Room> Leave(string memberId);
    /// <summary>The room as <paramref name="memberId"/> sees it (whether they joined); null: as anyone sees it.</summary>
    [Alias("Describe"), ReadOnly] Task<Room> Describe(string? memberId = null);

    /// <summary>The member is present (a new session began); false when they are no longer a member (their membership lapsed).</summary>
    [Alias("Seen")] Task<bool> Seen(string memberId);

    /// <summary>
    /// A moderator's action on <paramref name="memberId"/> (see <see cref="RoomActions"/>); <paramref name="minutes"/> limits a
    /// mute or ban (null: until undone). Remove and ban take the member out of the room now.
    /// </summary>
    [Alias("Moderate")] Task Moderate(string memberId, string action, int? minutes);

    /// <summary>
    /// A moderator removes the message at <paramref name="seq"/>: its text is erased in the store and the room's members
    /// hear <c>MessageRemoved</c>; not_found when the room has no message at that seq. Safe to repeat.
    /// </summary>
    [Alias("RemoveMessage")] Task RemoveMessage(long seq);

    /// <summary>The member has no open connection any more (counted out of <see cref="Room.PresentCount"/>).</summary>
    [OneWay, Alias("Absent")] Task Absent(string memberId);
}
