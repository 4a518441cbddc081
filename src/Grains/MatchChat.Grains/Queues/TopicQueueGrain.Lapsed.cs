namespace MatchChat.Grains.Queues;

/// <summary>
/// A listener who let a request's offer expire is passed over for it only while someone else could take it. When the
/// others cannot (one declined it, went away or is full), the listeners it lapsed with are eligible for it again: an
/// outside probe saw a request, urgent too, wait for minutes with both listeners of its topic free, one having let it
/// expire and the other having declined it. Who let which request lapse is memory only (a new activation forgets it,
/// and the lapsed stay passed over for that request, as every build before stop 62 did).
/// </summary>
public sealed partial class TopicQueueGrain
{
    /// <summary>Request id → the listeners excluded from it because its offer to them expired.</summary>
    private readonly Dictionary<string, HashSet<string>> _lapsedWith = new(StringComparer.Ordinal);

    /// <summary>Set by what can leave a request with nobody else (a decline, an expiry, a roster change): only then is the
    /// next planning asked to look (not at every enqueue of a burst).</summary>
    private bool _lapsedMayFree;

    private void Lapsed(QueuedRequest request, string listenerId)
    {
        request.Exclude(listenerId);
        var id = request.Request.RequestId;
        if (!_lapsedWith.TryGetValue(id, out var listeners))
        {
            _lapsedWith[id] = listeners = new HashSet<string>(StringComparer.Ordinal);
        }

        listeners.Add(listenerId);
        _lapsedMayFree = true;
    }

    /// <summary>Before planning, after a change that could matter: each request that lapsed with someone and that nobody
    /// else could take now is theirs to take again. O(roster) per such request, and there are few (none in a burst that
    /// is answered).</summary>
    private void ReconsiderLapsed()
    {
        if (_lapsedWith.Count == 0 || !_lapsedMayFree)
        {
            return;
        }

        _lapsedMayFree = false;

        List<string>? done = null;
        foreach (var (requestId, listeners) in _lapsedWith)
        {
            if (Find(requestId) is not { } request)
            {
                (done ??= []).Add(requestId);
                continue;
            }

            if (request.HasOpenOffer || request.IsStarting || AnotherCouldTake(request, listenerId: null))
            {
                continue;
            }

            foreach (var listenerId in listeners)
            {
                request.Include(listenerId);
            }

            (done ??= []).Add(requestId);
            Track(request);
            Writes.MarkDirty();
        }

        foreach (var requestId in done ?? [])
        {
            _lapsedWith.Remove(requestId);
        }
    }
}
