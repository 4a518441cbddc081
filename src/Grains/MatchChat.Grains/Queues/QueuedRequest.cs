using MatchChat.Contracts.Grains;

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

    public bool HasOpenOffer => OfferId is not null;
}
