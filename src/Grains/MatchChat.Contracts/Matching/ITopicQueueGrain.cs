
namespace MatchChat.Contracts.Matching;

/// <summary>Key: topic slug. Waiting requests in order, offers in flight, the listener roster; runs the matching policy.</summary>
[Alias("MatchChat.ITopicQueueGrain")]
public interface ITopicQueueGrain : IGrainWithStringKey
{
    [Alias("Enqueue")] Task<QueueTicket> Enqueue(SeekerRequest request);

    /// <summary>Removes a waiting request; status is cancelled or expired. Returns false when it was not waiting.</summary>
    [Alias("Cancel")] Task<bool> Cancel(string requestId, string status);

    [Alias("GetTicket"), ReadOnly] Task<QueueTicket?> GetTicket(string requestId);

    /// <summary>[crisis] The request becomes urgent: offered before every normal request, first in first out among urgent ones. False when it is not in the queue.</summary>
    [Alias("MarkUrgent")] Task<bool> MarkUrgent(string requestId);

    [Alias("UpsertListener")] Task UpsertListener(ListenerSnapshot listener);
    [Alias("RemoveListener")] Task RemoveListener(string listenerId);

    /// <summary>
    /// The listener takes the offer: the queue starts the conversation and answers once it has started. Throws
    /// conflict when the offer is no longer open, unavailable when the start could not be completed (the seeker keeps
    /// their place; the queue settles that start on its own timer).
    /// </summary>
    [Alias("Accept")] Task<MatchResult> Accept(string offerId, string listenerId, string listenerHandle);

    /// <summary>The listener will not take the offer: declined, unavailable or busy. The request moves on and keeps its place.</summary>
    [Alias("Decline")] Task Decline(string offerId, string listenerId, string reason);
}
