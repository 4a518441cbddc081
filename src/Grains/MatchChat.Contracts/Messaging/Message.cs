namespace MatchChat.Contracts.Messaging;

[GenerateSerializer, Immutable, Alias("MatchChat.Message")]
public sealed record Message(
    [property: Id(0)] string Channel,
    [property: Id(1)] long Seq,
    [property: Id(2)] string SenderHandle,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTime SentAt,
    [property: Id(5)] string ClientMessageId,
    [property: Id(6)] bool Redacted = false);
