using MatchChat.Contracts.Messaging;


namespace MatchChat.Contracts.Rooms;

/// <summary>Key: topic slug. Joined members (a membership lapses after a long absence) and next seq; messages live in the message store.</summary>
[Alias("MatchChat.IRoomGrain")]
public interface IRoomGrain : IChannelGrain
{
    [Alias("Join")] Task<Room> Join(string memberId, string handle);
    [Alias("Leave")] Task Leave(string memberId);
    [Alias("Describe"), ReadOnly] Task<Room> Describe();

    /// <summary>The member is present (a new session began); false when they are no longer a member (their membership lapsed).</summary>
    [Alias("Seen")] Task<bool> Seen(string memberId);
}
