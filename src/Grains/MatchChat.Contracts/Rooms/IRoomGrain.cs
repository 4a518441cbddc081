using MatchChat.Contracts.Messaging;


namespace MatchChat.Contracts.Rooms;

/// <summary>Key: topic slug. Joined members (a membership lapses after a long absence) and next seq; messages live in the message store.</summary>
[Alias("MatchChat.IRoomGrain")]
public interface IRoomGrain : IChannelGrain
{
    [Alias("Join")] Task<Room> Join(string memberId, string handle);
    [Alias("Leave")] Task Leave(string memberId);
    /// <summary>The room as <paramref name="memberId"/> sees it (whether they joined); null: as anyone sees it.</summary>
    [Alias("Describe"), ReadOnly] Task<Room> Describe(string? memberId = null);

    /// <summary>The member is present (a new session began); false when they are no longer a member (their membership lapsed).</summary>
    [Alias("Seen")] Task<bool> Seen(string memberId);

    /// <summary>The member has no open connection any more (counted out of <see cref="Room.PresentCount"/>).</summary>
    [OneWay, Alias("Absent")] Task Absent(string memberId);
}
