using System.Collections.Concurrent;

namespace MatchChat.Web.Edge;

/// <summary>
/// Token buckets by key (a member, a member in a channel): at most <c>burst</c> at once, then <c>perSecond</c>.
/// Refill is computed from the time since the bucket was last touched, and every touch moves that time on, so
/// time spent full is never credited later: in any window of T seconds a key gets at most burst + perSecond × T.
/// (System.Threading.RateLimiting's auto-replenishing bucket adds a whole period's tokens on each timer tick, however
/// little of the period the bucket spent below full, so a burst that straddles a tick got burst + perSecond at once.)
/// Buckets idle long enough to be full again are dropped; a dropped bucket is retired under its lock first, so a
/// caller still holding it takes from the fresh one instead and no key ever has two live buckets.
/// </summary>
public sealed class TokenBucket(double perSecond, double burst, TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweep = time.GetUtcNow().UtcTicks + SweepEvery.Ticks;
    private int _sweeping;

    public bool Enabled => perSecond > 0;

    /// <summary>How many keys hold a bucket now (for tests and metrics).</summary>
    public int Count => _buckets.Count;

    public bool TryTake(string key)
    {
        if (!Enabled)
        {
            return true;
        }

        var now = time.GetUtcNow().UtcTicks;
        while (true)
        {
            var bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state.burst, state.now), (burst, now));
            var taken = bucket.TryTake(now, perSecond, burst);
            if (taken is not null)
            {
                SweepIfDue(now);
                return taken.Value;
            }
        }
    }

    private void SweepIfDue(long now)
    {
        if (now < Volatile.Read(ref _nextSweep) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _nextSweep, now + SweepEvery.Ticks);
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.TryRetire(now, perSecond, burst))
                {
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private sealed class Bucket(double tokens, long lastTicks)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _last = lastTicks;
        private bool _retired;

        /// <summary>True or false; null when this bucket was retired and the caller must look again.</summary>
        public bool? TryTake(long now, double perSecond, double burst)
        {
            lock (_lock)
            {
                if (_retired)
                {
                    return null;
                }

                Refill(now, perSecond, burst);
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }

        public bool TryRetire(long now, double perSecond, double burst)
        {
            lock (_lock)
            {
                Refill(now, perSecond, burst);
                _retired = _tokens >= burst;
                return _retired;
            }
        }

        private void Refill(long now, double perSecond, double burst)
        {
            if (now > _last)
            {
                _tokens = Math.Min(burst, _tokens + (now - _last) / (double)TimeSpan.TicksPerSecond * perSecond);
                _last = now;
            }
        }
    }
}
