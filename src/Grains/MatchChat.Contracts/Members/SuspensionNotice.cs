namespace MatchChat.Contracts.Members;

/// <summary>
/// What a suspended member is told (docs/PROTOCOL.md "Additions: member standing"): the event <c>Suspended({until, reason})</c>
/// before their connections close, and <c>POST /api/members/me/standing</c>. <see cref="Until"/> is the end in UTC, null for a
/// ban. <see cref="Reason"/> is the moderator's own text (<c>Suspend</c>'s reason, <c>ResolveReport</c>'s note) or a standard
/// sentence; it never names who reported them. Never logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.SuspensionNotice")]
public sealed record SuspensionNotice([property: Id(0)] DateTime? Until, [property: Id(1)] string Reason);
