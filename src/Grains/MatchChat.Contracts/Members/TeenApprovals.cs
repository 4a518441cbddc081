namespace MatchChat.Contracts.Members;

/// <summary>
/// <see cref="ListenerProfile.TeenApproval"/>: whether an adult listener's <c>acceptsTeens</c> has taken effect.
/// <see cref="Pending"/> until a moderator approves; a teen listener, or an adult who does not accept teens, is <see cref="None"/>.
/// </summary>
public static class TeenApprovals
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Approved = "approved";
}
