namespace MatchChat.Contracts.Appeals;

/// <summary>
/// [trust] Contract type <c>Appeal</c> (this implementation's addition): a suspended or banned member's request that a
/// moderator review their suspension, as moderators read it (<c>ListAppeals</c>). <see cref="Status"/> is <c>open</c>,
/// <c>lifted</c> (the suspension was lifted) or <c>upheld</c> (kept); <see cref="SuspendedUntil"/> null for a ban.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Appeal")]
public sealed record Appeal(
    [property: Id(0)] string AppealId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string Text,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTime CreatedAt,
    [property: Id(5)] DateTime? SuspendedUntil,
    [property: Id(6)] string SuspensionReason,
    [property: Id(7)] string? DecidedBy,
    [property: Id(8)] DateTime? DecidedAt,
    [property: Id(9)] string? Note);

/// <summary>An appeal's states and a moderator's two decisions.</summary>
public static class AppealStatuses
{
    public const string Open = "open";
    public const string Lifted = "lifted";
    public const string Upheld = "upheld";

    /// <summary><c>DecideAppeal</c>'s <c>decision</c>: lift the suspension, or keep it.</summary>
    public const string Lift = "lift";
    public const string Uphold = "uphold";

    public static bool IsDecision(string? decision) => decision is Lift or Uphold;
}
