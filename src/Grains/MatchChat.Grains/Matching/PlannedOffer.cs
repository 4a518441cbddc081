using MatchChat.Contracts.Grains;

namespace MatchChat.Grains.Matching;

public sealed record PlannedOffer(WaitingSeeker Seeker, ListenerSnapshot Listener, int SharedExperiences);
