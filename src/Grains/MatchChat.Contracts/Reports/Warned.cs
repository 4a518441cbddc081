namespace MatchChat.Contracts.Reports;

/// <summary>PROTOCOL.md <c>Warned({reason})</c>: a moderator's warning to a member. Never names who reported them.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Warned")]
public sealed record Warned([property: Id(0)] string Reason);
