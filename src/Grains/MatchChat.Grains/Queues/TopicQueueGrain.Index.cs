using MatchChat.Contracts.Matching;

namespace MatchChat.Grains.Queues;

/// <summary>
/// Look-ups by request id and by offer id in constant time (memory only, rebuilt on activation): with thousands of
/// requests waiting, a linear search per call was a large part of a burst's cost. Every insertion and removal of a
/// request goes through here, so the served counts of the progress broadcast (TopicQueueGrain.Progress.cs) stay right.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private readonly Dictionary<string, QueuedRequest> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueuedRequest> _byOffer = new(StringComparer.Ordinal);

    private void BuildIndex()
    {
        _byId.Clear();
        _byOffer.Clear();
        _offersHeld.Clear();
        foreach (var r in Requests)
        {
            _byId[r.Request.RequestId] = r;
            _planner.Place(r.Request.RequestId, r.Urgent, r.Request.EnqueuedAt);
            if (r.OfferId is not null)
            {
                IndexOffer(r);
            }

            Track(r);
        }
    }

    private QueuedRequest? Find(string requestId) => _byId.GetValueOrDefault(requestId);

    private QueuedRequest? FindOffer(string offerId, string listenerId) =>
        _byOffer.TryGetValue(offerId, out var r) && r.OfferListenerId == listenerId ? r : null;

    /// <summary>The requests with an open offer to this listener (a copy: closing one changes the index).</summary>
    private List<QueuedRequest> OffersTo(string listenerId) =>
        _byOffer.Values.Where(r => r.OfferListenerId == listenerId).ToList();

    private QueueTicket? TicketFor(string requestId)
    {
        if (Find(requestId) is not { } request)
        {
            return null;
        }

        return TicketAt(Requests.IndexOf(request));
    }

    private void Insert(int index, QueuedRequest request)
    {
        Requests.Insert(index, request);
        _byId[request.Request.RequestId] = request;
        _planner.Place(request.Request.RequestId, request.Urgent, request.Request.EnqueuedAt);
        Track(request);
    }

    /// <summary>The request leaves the queue (matched, cancelled, expired): everyone behind it moves up one.</summary>
    private void RemoveRequest(QueuedRequest request)
    {
        Requests.Remove(request);
        _byId.Remove(request.Request.RequestId);
        UnindexOffer(request);
        Track(request);

        CountServed(request);
    }
}
