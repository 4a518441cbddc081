using MatchChat.Contracts.Matching;


namespace MatchChat.Grains.Matching;

/// <summary>An offer to make; <see cref="MatchReason"/> ([network]) says why this listener, in plain words (or null).</summary>
public sealed record PlannedOffer(WaitingSeeker Seeker, ListenerSnapshot Listener, int SharedExperiences, string? MatchReason = null);
