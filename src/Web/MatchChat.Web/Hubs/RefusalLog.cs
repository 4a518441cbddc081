using System.Collections.Concurrent;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Refused hub calls (<c>invalid</c>, <c>not_found</c>, <c>forbidden</c>, <c>conflict</c>, <c>rate_limited</c>) are the
/// contract working, not failures: they are counted, and logged as one line without a stack trace at most once per
/// member per <c>MatchChat:Logging:RefusalIntervalSeconds</c> (default 60), with how many that member had since its
/// last line. The member is only the key of the count: neither its id nor its handle is written.
/// </summary>
public sealed class RefusalLog(ILogger<RefusalLog> logger, IConfiguration configuration, TimeProvider time)
{
    private readonly long _intervalTicks = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("MatchChat:Logging:RefusalIntervalSeconds", 60.0))).Ticks;
    private readonly ConcurrentDictionary<string, Entry> _members = new(StringComparer.Ordinal);
    private long _total;
    private long _nextSweep;

    /// <summary>Every refusal recorded on this node since it started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Record(string? memberId, string method, string code)
    {
        Interlocked.Increment(ref _total);
        var now = time.GetUtcNow().UtcTicks;
        var entry = _members.GetOrAdd(memberId ?? string.Empty, static _ => new Entry());
        int count;
        lock (entry)
        {
            entry.Count++;
            if (entry.LoggedAt != 0 && now - entry.LoggedAt < _intervalTicks)
            {
                return;
            }

            count = entry.Count;
            entry.Count = 0;
            entry.LoggedAt = now;
        }

        logger.LogInformation("Hub call refused: {Method} answered {Code}; {Count} refusals for this member since its last entry", method, code, count);
        Sweep(now);
    }

    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + Math.Max(_intervalTicks, TimeSpan.TicksPerSecond), next) != next)
        {
            return;
        }

        foreach (var (member, entry) in _members)
        {
            lock (entry)
            {
                if (now - entry.LoggedAt >= _intervalTicks)
                {
                    _members.TryRemove(new KeyValuePair<string, Entry>(member, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public int Count;
        public long LoggedAt;
    }
}
