namespace MatchChat.Contracts.Matching;

/// <summary>
/// What a seeker's member grain hands to a topic queue. <see cref="Blocked"/>: the member ids this seeker has blocked
/// (null: none), never offered this request; kept current by <c>ITopicQueueGrain.UpdateSeekerBlocks</c>.
/// <see cref="PreferredListenerId"/> ([network] preferHandle): a contact offered the request first while eligible.
/// <see cref="Meaning"/> ([network]): the vector of the note and tags, made before the request reaches the queue (null: tags only).
/// <see cref="Urgent"/> ([crisis]): the note already read as crisis, so the request is stored urgent from its first write.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.SeekerRequest")]
public sealed record SeekerRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string SeekerId,
    [property: Id(2)] string SeekerHandle,
    [property: Id(3)] string AgeGroup,
    [property: Id(4)] string[] Experiences,
    [property: Id(5)] string? Note,
    [property: Id(6)] DateTime EnqueuedAt,
    [property: Id(20)] string[]? Blocked = null,
    [property: Id(40)] string? PreferredListenerId = null,
    [property: Id(70)] MeaningVector? Meaning = null,
    [property: Id(80)] bool Urgent = false);
