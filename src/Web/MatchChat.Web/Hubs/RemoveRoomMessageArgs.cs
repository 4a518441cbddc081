namespace MatchChat.Web.Hubs;

/// <summary><c>RemoveRoomMessage({room, seq})</c> (an addition, moderators only).</summary>
public sealed record RemoveRoomMessageArgs(string? Room, long? Seq);
