namespace MatchChat.Grains.Retention;

/// <summary>
/// <c>MatchChat:Retention</c>: how long messages and report evidence are kept, in days (0 keeps them), and how the
/// job runs. Fractions of a day are allowed.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Messages of a conversation are erased this long after it ended.</summary>
    public double ConversationDays { get; set; } = 30;

    /// <summary>Room messages are erased this long after they were sent.</summary>
    public double RoomDays { get; set; } = 30;

    /// <summary>A report's evidence is erased this long after it was filed (the report itself stays).</summary>
    public double ReportDays { get; set; } = 90;

    /// <summary>How often the job runs (a reminder: at least one minute).</summary>
    public double IntervalMinutes { get; set; } = 60;

    /// <summary>Rows deleted per statement (each its own short transaction).</summary>
    public int BatchSize { get; set; } = 5000;
}
