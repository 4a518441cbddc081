namespace MatchChat.Grains.Members;

/// <summary>Rooms as the web nodes read them (joining and leaving go through <see cref="RoomList"/>).</summary>
public sealed partial class MemberGrain
{
    public Task<bool> InRoom(string slug) => Task.FromResult(S.Exists && S.Rooms.Contains(slug));
}
