namespace MatchChat.Contracts.CheckIns;

public static class CheckInStatuses
{
    public const string Scheduled = "scheduled";
    public const string Delivered = "delivered";

    /// <summary>How long a delivered check-in stays listed (so a page that missed the event finds it).</summary>
    public const int DeliveredKeptDays = 7;
}
