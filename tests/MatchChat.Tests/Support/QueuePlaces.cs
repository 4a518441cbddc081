using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Topics;

namespace MatchChat.Tests.Support;

/// <summary>A waiting seeker's place as the page shows it (wwwroot/js/queue.js): the newest ticket, moved on by the newest QueueProgress.</summary>
public static class QueuePlaces
{
    public static (int? Position, int? EstimatedWaitSeconds) PlaceOf(this TestConnection conn, QueueTicket first)
    {
        var ticket = conn.All<QueueTicket>("QueueUpdated").LastOrDefault(t => t.RequestId == first.RequestId) ?? first;
        // The newest of the highest served count (as noteProgress keeps it: an equal count replaces).
        var progress = conn.All<QueueProgress>("QueueProgress")
            .Where(p => p.Topic == ticket.Topic && p.Priority == ticket.Priority)
            .LastOrDefault(p => p.Served == conn.All<QueueProgress>("QueueProgress")
                .Where(q => q.Topic == ticket.Topic && q.Priority == ticket.Priority).Max(q => q.Served));
        if (ticket.Status != TicketStatus.Waiting || ticket.Position is not { } position || progress is null || progress.Served < ticket.Served)
        {
            return (ticket.Position, ticket.EstimatedWaitSeconds);
        }

        if (progress.Served == ticket.Served)
        {
            // Nobody served since the ticket: the place stands, and the longer estimate is the newer (a stall).
            var stalled = progress.SecondsPerPlace is { } seconds ? (int?)Math.Ceiling(seconds * position) : null;
            return (position, stalled is { } longer && !(ticket.EstimatedWaitSeconds >= longer) ? longer : ticket.EstimatedWaitSeconds);
        }

        var place = Math.Max(1, position - (int)(progress.Served - ticket.Served));
        var estimate = progress.SecondsPerPlace is { } perPlace ? (int)Math.Ceiling(perPlace * place) : ticket.EstimatedWaitSeconds;
        return (place, estimate);
    }

    /// <summary>Waits until the place the page shows for this request matches.</summary>
    public static async Task<(int? Position, int? EstimatedWaitSeconds)> WaitForPlace(
        this TestConnection conn, QueueTicket first, Func<(int? Position, int? EstimatedWaitSeconds), bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var place = conn.PlaceOf(first);
            if (match(place))
            {
                return place;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page's place for the request stayed at {place.Position} (estimate {place.EstimatedWaitSeconds}).");
            }

            await Task.Delay(50);
        }
    }
}
