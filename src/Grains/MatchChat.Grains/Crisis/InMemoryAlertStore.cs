using MatchChat.Contracts.Crisis;

namespace MatchChat.Grains.Crisis;

/// <summary>The embedded default: the newest <see cref="Capacity"/> alerts, as long as the process lives.</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    public const int Capacity = 10_000;
    private readonly LinkedList<StoredAlert> _alerts = new();
    private readonly Dictionary<string, LinkedListNode<StoredAlert>> _byId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task AddAsync(StoredAlert alert, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_byId.ContainsKey(alert.Alert.AlertId))
            {
                _byId[alert.Alert.AlertId] = _alerts.AddFirst(alert);
                if (_alerts.Count > Capacity)
                {
                    _byId.Remove(_alerts.Last!.Value.Alert.AlertId);
                    _alerts.RemoveLast();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Alert>>(_alerts
                .Select(a => a.Alert)
                .Where(a => status is null || a.Status == status)
                .Take(limit)
                .ToArray());
        }
    }

    public Task<StoredAlert?> GetAsync(string alertId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_byId.TryGetValue(alertId, out var node) ? node.Value : null);
        }
    }

    public Task<AcknowledgeOutcome> AcknowledgeAsync(
        string alertId, string moderatorId, string moderatorHandle, string? note, DateTime at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(alertId, out var node))
            {
                return Task.FromResult(new AcknowledgeOutcome(null, false));
            }

            if (node.Value.Alert.Status == AlertStatuses.Acknowledged)
            {
                return Task.FromResult(new AcknowledgeOutcome(node.Value.Alert, false));
            }

            node.Value = node.Value with
            {
                Alert = node.Value.Alert with { Status = AlertStatuses.Acknowledged, AcknowledgedBy = moderatorHandle },
                AcknowledgedNote = note,
                AcknowledgedAt = at,
            };
            return Task.FromResult(new AcknowledgeOutcome(node.Value.Alert, true));
        }
    }
}
