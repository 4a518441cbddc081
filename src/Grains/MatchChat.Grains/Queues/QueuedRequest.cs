using MatchChat.Contracts.Matching;


namespace MatchChat.Grains.Queues;

/// <summary>
/// A waiting request as its queue holds it. Every setter forgets <see cref="Packed"/>, the request's bytes kept from the
/// last write (<see cref="PackedRequests"/>), so change it only through them: <see cref="Exclude"/> for
/// <see cref="Excluded"/> (which is read only), a new array for <see cref="StartSharedExperiences"/>.
/// </summary>
[GenerateSerializer, Alias("MatchChat.QueuedRequest")]
public sealed class QueuedRequest
{
    [Id(0)] public required SeekerRequest Request { get; set { field = value; Packed = null; } }
    [Id(1)] public string? OfferId { get; set { field = value; Packed = null; } }
    [Id(2)] public string? OfferListenerId { get; set { field = value; Packed = null; } }
    [Id(3)] public DateTime? OfferExpiresAt { get; set { field = value; Packed = null; } }

    /// <summary>
    /// Listeners who declined this request or let its offer expire; bounded by the topic's listeners. Read only: a
    /// listener is added with <see cref="Exclude"/>, which also forgets <see cref="Packed"/>.
    /// </summary>
    [Newtonsoft.Json.JsonIgnore] public IReadOnlySet<string> Excluded => _excluded;

    // Stored under the name it had as a public property (JSON grain state, and the same [Id] in Orleans' format).
    [Id(4), Newtonsoft.Json.JsonProperty(nameof(Excluded))] private HashSet<string> _excluded = [];

    /// <summary>While the conversation is being started: the listener who accepted (and their handle, and what they share).</summary>
    [Id(5)] public string? StartListenerId { get; set { field = value; Packed = null; } }
    [Id(6)] public string? StartListenerHandle { get; set { field = value; Packed = null; } }
    [Id(7)] public string[] StartSharedExperiences { get; set { field = value; Packed = null; } } = [];

    /// <summary>Starts given up so far; the conversation id is derived from the request id and this number.</summary>
    [Id(8)] public int StartAttempt { get; set { field = value; Packed = null; } }

    /// <summary>The start's outcome is not known (its call failed, or the queue restarted): the queue's timer settles it.</summary>
    [Id(9)] public bool StartUnsettled { get; set { field = value; Packed = null; } }

    /// <summary>A cancel or expiry that arrived during the start; applied if the start is given up.</summary>
    [Id(10)] public string? CancelledAs { get; set { field = value; Packed = null; } }

    /// <summary>When the request was first offered to a listener (for the wait-until-offer metric).</summary>
    [Id(11)] public DateTime? FirstOfferAt { get; set { field = value; Packed = null; } }

    /// <summary>Arrival number in its queue: which page stores it (TopicQueueGrain.Pages.cs).</summary>
    [Id(12)] public long Arrival { get; set { field = value; Packed = null; } }

    /// <summary>[crisis] The seeker wrote crisis language: offered before every normal request (<see cref="QueueOrder"/>).</summary>
    [Id(30)] public bool Urgent { get; set { field = value; Packed = null; } }

    /// <summary>
    /// This request's serialized bytes as the last write stored them; null once anything changed (or before its first
    /// write). Memory only: not a field of the stored request.
    /// </summary>
    [NonSerialized] internal byte[]? Packed;

    public bool HasOpenOffer => OfferId is not null;

    public bool IsStarting => StartListenerId is not null;

    /// <summary>This listener may be offered this request again (one it lapsed with, when nobody else could take it).</summary>
    public void Include(string listenerId)
    {
        if (_excluded.Remove(listenerId))
        {
            Packed = null;
        }
    }

    /// <summary>This listener is not offered this request again.</summary>
    public void Exclude(string listenerId)
    {
        if (_excluded.Add(listenerId))
        {
            Packed = null;
        }
    }
}
