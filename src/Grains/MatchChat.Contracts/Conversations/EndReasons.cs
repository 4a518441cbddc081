namespace MatchChat.Contracts.Conversations;

/// <summary>Why a conversation ended (<see cref="ConversationEnded.Reason"/>).</summary>
public static class EndReasons
{
    public const string Ended = "ended";

    /// <summary>A moderator suspended or banned one of the two (both participants see this reason).</summary>
    public const string Suspended = "suspended";

    /// <summary>One of the two deleted their data (both participants see this reason).</summary>
    public const string Deleted = "deleted";

    /// <summary>The member who blocked the other hears this; the blocked member hears plain <see cref="Ended"/>.</summary>
    public const string Blocked = "blocked";

    /// <summary>The reason the other participant hears: a block is not announced to the one blocked.</summary>
    public static string ForPeer(string reason) => reason == Blocked ? Ended : reason;
}
