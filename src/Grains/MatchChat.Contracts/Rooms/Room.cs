namespace MatchChat.Contracts.Rooms;

/// <summary>A topic room (PROTOCOL.md `Room`, version 1.1): <see cref="Joined"/> is the caller's; <see cref="PresentCount"/>
/// counts joined members with an open connection. <see cref="Muted"/> and <see cref="MutedUntil"/> (additions) are the
/// caller's too, in the answers to <c>JoinRoom</c> and <c>ListRooms</c> only (a room-wide <c>RoomUpdated</c> carries false;
/// <c>MutedInRoom</c> tells a member of a change); <see cref="MutedUntil"/> null with <see cref="Muted"/> means until a
/// moderator lifts it. <see cref="Left"/> (addition) only in the <c>RoomUpdated</c> that tells a member they are out of the
/// room (<c>joined: false</c>): <c>left</c> (their own <c>LeaveRoom</c>, told to their other pages), <c>removed</c> or
/// <c>banned</c> (a moderator); absent everywhere else.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Room")]
public sealed record Room(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Title,
    [property: Id(3)] string Audience,
    [property: Id(4)] int MemberCount,
    [property: Id(5)] bool Joined = false,
    [property: Id(6)] int PresentCount = 0,
    [property: Id(7)] bool Muted = false,
    [property: Id(8)] DateTime? MutedUntil = null,
    [property: Id(9), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Left = null);

/// <summary>Why a member is out of a room (<see cref="Room.Left"/>).</summary>
public static class RoomLeaving
{
    public const string Left = "left";
    public const string Removed = "removed";
    public const string Banned = "banned";
}
