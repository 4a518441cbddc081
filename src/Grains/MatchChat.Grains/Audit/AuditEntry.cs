namespace MatchChat.Grains.Audit;

/// <summary>
/// One moderator read of conversation content: who (member id and handle), what (<see cref="Action"/> and the report
/// or channel it concerned), when. Never any text.
/// </summary>
public sealed record AuditEntry(DateTime At, string ActorId, string ActorHandle, string Action, string? ReportId, string? Channel);
