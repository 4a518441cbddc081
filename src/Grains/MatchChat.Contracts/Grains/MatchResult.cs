namespace MatchChat.Contracts.Grains;

/// <summary>What a topic queue answers when a listener accepts an offer; <see cref="Request"/> is the request whole, to hand it back if the conversation cannot be started.</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MatchResult")]
public sealed record MatchResult(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string SeekerId,
    [property: Id(2)] string SeekerHandle,
    [property: Id(3)] string Topic,
    [property: Id(4)] string[] SharedExperiences,
    [property: Id(5)] SeekerRequest Request);
