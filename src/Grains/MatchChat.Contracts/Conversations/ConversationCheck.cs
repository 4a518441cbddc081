namespace MatchChat.Contracts.Conversations;

/// <summary>
/// The conversation's own answer (<see cref="IConversationGrain.Confirm"/>), asked when an event may have been lost:
/// <see cref="Open"/> when it is open and the member's; otherwise, for a participant of an ended one, the end as that
/// member would have heard it (<see cref="Ended"/>), else neither.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ConversationCheck")]
public sealed record ConversationCheck(
    [property: Id(0)] bool Open,
    [property: Id(1)] ConversationEnded? Ended = null);
