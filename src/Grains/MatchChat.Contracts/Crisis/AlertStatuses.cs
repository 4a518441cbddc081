namespace MatchChat.Contracts.Crisis;

/// <summary><c>Alert.status</c>: <c>open</c> until a moderator acknowledges it.</summary>
public static class AlertStatuses
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";

    public static bool IsValid(string? status) => status is Open or Acknowledged;
}
