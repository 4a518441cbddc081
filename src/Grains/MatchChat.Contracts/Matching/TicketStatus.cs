namespace MatchChat.Contracts.Matching;

public static class TicketStatus
{
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Matched = "matched";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public static bool IsOpen(string status) => status is Waiting or Offered;
}
