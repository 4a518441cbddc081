using MatchChat.Contracts.Topics;

namespace MatchChat.Contracts.Matching;

/// <summary>
/// Contract type <c>Offer</c>. <see cref="SeekerHandle"/> is for the listener's grain only (never sent to a client: the
/// seeker stays anonymous until the offer is accepted): a listener already talking with that seeker is not offered them again.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.Offer")]
public sealed record Offer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string Topic,
    [property: Id(3)] string[] Experiences,
    [property: Id(4)] string? Note,
    [property: Id(5)] string SeekerAgeGroup,
    [property: Id(6)] DateTime ExpiresAt,
    [property: Id(30)] string Priority = Priorities.Normal,
    [property: Id(70)] string? MatchReason = null,
    [property: Id(71), System.Text.Json.Serialization.JsonIgnore] string? SeekerHandle = null);
