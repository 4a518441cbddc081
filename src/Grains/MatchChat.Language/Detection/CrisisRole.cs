namespace MatchChat.Language.Detection;

/// <summary>The writer's role in the channel the text was written in.</summary>
public enum CrisisRole
{
    Seeker,
    Listener,
    RoomMember,
}
