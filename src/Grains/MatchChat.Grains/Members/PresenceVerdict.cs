namespace MatchChat.Grains.Members;

/// <summary>Which grace periods have run out: the listener's (they become unavailable) and the seeker's (the request expires).</summary>
public readonly record struct PresenceVerdict(bool ListenerGraceOver, bool SeekerGraceOver);
