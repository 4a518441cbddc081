namespace MatchChat.Grains.Members;

[GenerateSerializer, Alias("MatchChat.PendingOffer")]
public sealed record PendingOffer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string Topic,
    [property: Id(3)] DateTime ExpiresAt);
