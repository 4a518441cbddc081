using MatchChat.Contracts.Conversations;

using MatchChat.Contracts.Push;

namespace MatchChat.Contracts.Matching;

/// <summary>Key: topic slug. Waiting requests in order, offers in flight, the listener roster; runs the matching policy.</summary>
[Alias("MatchChat.ITopicQueueGrain")]
public interface ITopicQueueGrain : IGrainWithStringKey
{
    [Alias("Enqueue")] Task<QueueTicket> Enqueue(SeekerRequest request);

    /// <summary>Removes a waiting request; status is cancelled or expired. Returns false when it was not waiting.</summary>
    [Alias("Cancel")] Task<bool> Cancel(string requestId, string status);

    [Alias("GetTicket"), ReadOnly] Task<QueueTicket?> GetTicket(string requestId);

    /// <summary>The seeker's blocks changed: the request is never offered to a member they block (an open offer to one is withdrawn).</summary>
    [Alias("UpdateSeekerBlocks")] Task UpdateSeekerBlocks(string requestId, string[] blockedIds);

    /// <summary>[crisis] The request becomes urgent: offered before every normal request, first in first out among urgent ones. False when it is not in the queue.</summary>
    [Alias("MarkUrgent")] Task<bool> MarkUrgent(string requestId);

    [Alias("UpsertListener")] Task UpsertListener(ListenerSnapshot listener);
    [Alias("RemoveListener")] Task RemoveListener(string listenerId);

    /// <summary>
    /// The listener takes the offer: the queue marks the request starting (it keeps its place) and answers at once with
    /// the conversation to start. The caller starts it and reports with <see cref="Started"/> or <see cref="StartFailed"/>;
    /// a start nobody reports is settled on the queue's timer. Throws conflict when the offer is no longer open.
    /// </summary>
    [Alias("Accept")] Task<HandOver> Accept(string offerId, string listenerId, string listenerHandle);

    /// <summary>The start of the request's attempt answered: Started or Taken end the request, Abandoned puts it back in its place.</summary>
    [OneWay, Alias("Started")] Task Started(string requestId, int attempt, StartOutcome outcome);

    /// <summary>The start of the request's attempt did not answer: its outcome is unknown, and the queue's timer settles it.</summary>
    [OneWay, Alias("StartFailed")] Task StartFailed(string requestId, int attempt);

    /// <summary>The listener will not take the offer: declined, unavailable or busy. The request moves on and keeps its place.</summary>
    [Alias("Decline")] Task Decline(string offerId, string listenerId, string reason);

    /// <summary>A web node with seekers waiting in this topic: it gets <see cref="IChatObserver.QueueProgress"/> until it stops renewing.</summary>
    [Alias("Watch")] Task Watch(string nodeId, IChatObserver node);
}
