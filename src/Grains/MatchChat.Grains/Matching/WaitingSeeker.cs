namespace MatchChat.Grains.Matching;

/// <summary>
/// A request as the matching policy sees it. <see cref="Excluded"/>: listeners who declined it or let it expire.
/// <see cref="Blocked"/>: members the seeker has blocked (null: none).
/// <see cref="Urgent"/> ([crisis]): served before every request that is not.
/// <see cref="Preferred"/> ([network] preferHandle): a listener tried first while eligible (<see cref="PreferredListener"/>).
/// <see cref="Meaning"/> ([network]): the vector of the note and tags (null: matched on tags alone).
/// </summary>
public sealed record WaitingSeeker(
    string RequestId,
    string SeekerId,
    string Topic,
    string AgeGroup,
    IReadOnlyCollection<string> Experiences,
    IReadOnlySet<string> Excluded,
    bool HasOpenOffer,
    IReadOnlyCollection<string>? Blocked = null,
    bool Urgent = false,
    string? Preferred = null,
    Contracts.Matching.MeaningVector? Meaning = null);
