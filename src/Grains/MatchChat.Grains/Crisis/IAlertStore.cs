using MatchChat.Contracts.Crisis;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// Crisis alerts: the PostgreSQL table <c>crisis_alerts</c> when configured, memory otherwise. No text is stored with an
/// alert; the flagged message stays in the message store, where retention and deletion treat it like any other.
/// Failures to reach storage throw.
/// </summary>
public interface IAlertStore
{
    Task AddAsync(StoredAlert alert, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="status"/> null for all.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default);

    Task<StoredAlert?> GetAsync(string alertId, CancellationToken cancellationToken = default);

    Task<AcknowledgeOutcome> AcknowledgeAsync(string alertId, string moderatorId, string moderatorHandle, string? note, DateTime at, CancellationToken cancellationToken = default);
}
