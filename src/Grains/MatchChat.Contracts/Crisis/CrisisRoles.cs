namespace MatchChat.Contracts.Crisis;

/// <summary>The writer's role in the channel, as <see cref="CrisisText.Role"/>: a conversation's seeker or listener, or a room member.</summary>
public static class CrisisRoles
{
    public const string Seeker = "seeker";
    public const string Listener = "listener";
    public const string Room = "room";
}
