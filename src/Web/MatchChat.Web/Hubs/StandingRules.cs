namespace MatchChat.Web.Hubs;

/// <summary>The arguments of the standing methods (<c>Suspend</c>), checked before any grain is called.</summary>
public static class StandingRules
{
    /// <summary>A year: the longest timed suspension; longer is a ban (no minutes).</summary>
    public const int MaxMinutes = 525_600;

    public static int? Minutes(int? minutes) => minutes switch
    {
        null => null,
        >= 1 and <= MaxMinutes => minutes,
        _ => throw Contracts.Errors.MatchChatException.Invalid($"minutes must be 1 to {MaxMinutes} (a year); leave it out for a ban."),
    };

    /// <summary>Required, like a note: at most 500 characters of plain text after trimming.</summary>
    public static string Reason(string? reason)
    {
        var trimmed = reason?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (trimmed.Length is 0 or > InputRules.MaxNoteLength)
        {
            throw Contracts.Errors.MatchChatException.Invalid($"reason is required: 1 to {InputRules.MaxNoteLength} characters saying why.");
        }

        InputRules.RequirePlainText(trimmed, "reason");
        // The member is shown it: one they cannot see (only a zero-width space, a direction mark) is none at all.
        return InputRules.HasVisibleCharacter(trimmed)
            ? trimmed
            : throw Contracts.Errors.MatchChatException.Invalid("reason has nothing a reader would see (only spaces or invisible characters); say why.");
    }
}
