namespace MatchChat.Contracts.Members;

/// <summary>A member's roles (<see cref="Member.Roles"/>) and a participant's role in a conversation (<see cref="Conversation.Role"/>).</summary>
public static class MemberRoles
{
    public const string Seeker = "seeker";
    public const string Listener = "listener";
    public const string Moderator = "moderator";
}
