namespace MatchChat.Grains.Audit;

/// <summary>The embedded default: the newest <see cref="Capacity"/> entries, as long as the process lives.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    public const int Capacity = 100_000;
    private readonly LinkedList<AuditEntry> _entries = new();
    private readonly Lock _lock = new();

    public Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _entries.AddFirst(entry);
                if (_entries.Count > Capacity)
                {
                    _entries.RemoveLast();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.Take(limit).ToArray());
        }
    }
}
