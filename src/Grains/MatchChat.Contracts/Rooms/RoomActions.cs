namespace MatchChat.Contracts.Rooms;

/// <summary>What a moderator can do to a member in a room (<c>Moderate</c>).</summary>
public static class RoomActions
{
    public const string Mute = "mute";
    public const string Unmute = "unmute";
    public const string Remove = "remove";
    public const string Ban = "ban";
    public const string Unban = "unban";

    /// <summary>The longest time-limited mute or ban: a year.</summary>
    public const int MaxMinutes = 525_600;

    public static readonly string[] All = [Mute, Unmute, Remove, Ban, Unban];

    /// <summary>Whether the action takes a duration.</summary>
    public static bool TakesMinutes(string action) => action is Mute or Ban;
}
