namespace MatchChat.Contracts.Matching;

/// <summary>
/// [network] A listener's vectors: their whole text (bio and tags), their tags alone (null without tags), and each of
/// the first few sentences of their bio. At most 8 vectors, about 3 KB.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ListenerMeaning")]
public sealed record ListenerMeaning(
    [property: Id(0)] MeaningVector Whole,
    [property: Id(1)] MeaningVector? Tags,
    [property: Id(2)] MeaningVector[] Sentences);
