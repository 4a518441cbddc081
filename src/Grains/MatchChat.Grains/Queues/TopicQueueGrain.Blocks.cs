using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Grains.Queues;

/// <summary>
/// Blocks in the queue: the seeker's blocks ride on their request, the listener's on their roster entry, and the
/// policy never pairs the two (<see cref="MatchingPolicy.EitherBlocked"/>). A block made while an offer between them
/// is open withdraws it; the request keeps its place and goes to the next eligible listener.
/// </summary>
public sealed partial class TopicQueueGrain
{
    public Task UpdateSeekerBlocks(string requestId, string[] blockedIds)
    {
        if (Find(requestId) is { } request)
        {
            request.Request = request.Request with { Blocked = blockedIds };
            if (request.OfferListenerId is { } listenerId && blockedIds.Contains(listenerId))
            {
                CloseOffer(request, notifyListener: true, reason: OfferReasons.Withdrawn);
            }

            Track(request);
            Writes.MarkDirty();
            MatchNow();
        }

        return Task.CompletedTask;
    }

    /// <summary>Open offers to this listener for requests of members they block are withdrawn.</summary>
    private void WithdrawBlockedOffers(ListenerSnapshot listener)
    {
        if (listener.Blocked is not { Length: > 0 } blocked)
        {
            return;
        }

        foreach (var request in OffersTo(listener.ListenerId).Where(r => blocked.Contains(r.Request.SeekerId)))
        {
            CloseOffer(request, notifyListener: true, reason: OfferReasons.Withdrawn);
        }
    }
}
