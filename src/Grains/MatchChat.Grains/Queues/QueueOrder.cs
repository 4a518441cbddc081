namespace MatchChat.Grains.Queues;

/// <summary>
/// The order of a topic's waiting requests, kept in the list itself so that positions and wait estimates are honest:
/// urgent requests ([crisis]) before every normal one, and by arrival within each priority.
/// </summary>
public static class QueueOrder
{
    /// <summary>Where <paramref name="request"/> goes in <paramref name="requests"/> (already in this order): after every request that comes before or with it.</summary>
    public static int InsertIndex(List<QueuedRequest> requests, QueuedRequest request) =>
        requests.FindLastIndex(r => Compare(r, request) <= 0) + 1;

    /// <summary>Moves a request to its place as urgent; false when it already was.</summary>
    public static bool MakeUrgent(List<QueuedRequest> requests, QueuedRequest request)
    {
        if (request.Urgent)
        {
            return false;
        }

        requests.Remove(request);
        request.Urgent = true;
        requests.Insert(InsertIndex(requests, request), request);
        return true;
    }

    private static int Compare(QueuedRequest a, QueuedRequest b) =>
        a.Urgent != b.Urgent ? (a.Urgent ? -1 : 1) : a.Request.EnqueuedAt.CompareTo(b.Request.EnqueuedAt);
}
