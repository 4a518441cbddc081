namespace MatchChat.Grains.Members;

/// <summary>The member's one open request; kept whole so it can be re-sent to its queue with its original place.</summary>
[GenerateSerializer, Alias("MatchChat.OpenRequest")]
public sealed record OpenRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Topic,
    [property: Id(2)] string[] Experiences,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTime EnqueuedAt);
