namespace MatchChat.Contracts.Reports;

/// <summary>What a moderator does with a report (PROTOCOL.md, <c>ResolveReport.action</c>).</summary>
public static class ReportActions
{
    public const string None = "none";
    public const string Warn = "warn";
    public const string Suspend = "suspend";
    public const string Ban = "ban";

    public static IReadOnlyList<string> All { get; } = [None, Warn, Suspend, Ban];

    public static bool IsValid(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}
