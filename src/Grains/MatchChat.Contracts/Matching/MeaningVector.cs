namespace MatchChat.Contracts.Matching;

/// <summary>
/// [network] A unit-length sentence vector in 8 bits a component: component i is about <c>Values[i] × Scale</c>
/// (MiniLM: 384 bytes). Made once per profile change or request, never during matching.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MeaningVector")]
public sealed record MeaningVector(
    [property: Id(0)] sbyte[] Values,
    [property: Id(1)] float Scale);
