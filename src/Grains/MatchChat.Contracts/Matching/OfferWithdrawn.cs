namespace MatchChat.Contracts.Matching;

/// <summary>Event payload: an offer is no longer open. Reason: expired, cancelled, unavailable, taken.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.OfferWithdrawn")]
public sealed record OfferWithdrawn(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string Reason);
