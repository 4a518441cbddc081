namespace MatchChat.Grains.Audit;

/// <summary>The audit trail of moderator reads: the PostgreSQL table <c>audit</c> when configured, memory otherwise.
/// Append-only; failures to reach the storage throw, and the read they would have recorded is refused.</summary>
public interface IAuditLog
{
    Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The newest entries first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default);
}
