namespace MatchChat.Contracts.Reports;

/// <summary>What a report is about (PROTOCOL.md, <c>Report.category</c>).</summary>
public static class ReportCategories
{
    public static IReadOnlyList<string> All { get; } = ["harassment", "sexual", "hate", "spam", "self-harm", "underage", "other"];

    public static bool IsValid(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}
