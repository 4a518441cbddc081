namespace MatchChat.Contracts.Reports;

public static class ReportStatuses
{
    public const string Open = "open";
    public const string Resolved = "resolved";

    public static bool IsValid(string? status) => status is Open or Resolved;
}
