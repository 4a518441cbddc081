namespace MatchChat.Contracts.Crisis;

/// <summary>
/// A member's open request as a moderator may read it for a note alert (<c>GetAlertContext</c>): the request it belongs
/// to and its note. Kept only in the member's state while the request is open; the alert itself holds no text.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.WaitingNote")]
public sealed record WaitingNote(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Note,
    [property: Id(2)] DateTime EnqueuedAt);
