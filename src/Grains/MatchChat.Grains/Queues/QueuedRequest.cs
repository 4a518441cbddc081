using MatchChat.Contracts.Matching;


namespace MatchChat.Grains.Queues;

[GenerateSerializer, Alias("MatchChat.QueuedRequest")]
public sealed class QueuedRequest
{
    [Id(0)] public required SeekerRequest Request { get; set; }
    [Id(1)] public string? OfferId { get; set; }
    [Id(2)] public string? OfferListenerId { get; set; }
    [Id(3)] public DateTime? OfferExpiresAt { get; set; }

    /// <summary>Listeners who declined this request or let its offer expire; bounded by the topic's listeners.</summary>
    [Id(4)] public HashSet<string> Excluded { get; set; } = [];

    /// <summary>While the conversation is being started: the listener who accepted (and their handle, and what they share).</summary>
    [Id(5)] public string? StartListenerId { get; set; }
    [Id(6)] public string? StartListenerHandle { get; set; }
    [Id(7)] public string[] StartSharedExperiences { get; set; } = [];

    /// <summary>Starts given up so far; the conversation id is derived from the request id and this number.</summary>
    [Id(8)] public int StartAttempt { get; set; }

    /// <summary>The start's outcome is not known (its call failed, or the queue restarted): the queue's timer settles it.</summary>
    [Id(9)] public bool StartUnsettled { get; set; }

    /// <summary>A cancel or expiry that arrived during the start; applied if the start is given up.</summary>
    [Id(10)] public string? CancelledAs { get; set; }

    /// <summary>When the request was first offered to a listener (for the wait-until-offer metric).</summary>
    [Id(11)] public DateTime? FirstOfferAt { get; set; }

    /// <summary>Arrival number in its queue: which page stores it (TopicQueueGrain.Pages.cs).</summary>
    [Id(12)] public long Arrival { get; set; }

    /// <summary>[crisis] The seeker wrote crisis language: offered before every normal request (<see cref="QueueOrder"/>).</summary>
    [Id(30)] public bool Urgent { get; set; }

    public bool HasOpenOffer => OfferId is not null;

    public bool IsStarting => StartListenerId is not null;
}
