using MatchChat.Contracts.Matching;


namespace MatchChat.Grains.Matching;

public sealed record PlannedOffer(WaitingSeeker Seeker, ListenerSnapshot Listener, int SharedExperiences);
