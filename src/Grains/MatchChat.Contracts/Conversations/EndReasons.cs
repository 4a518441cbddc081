namespace MatchChat.Contracts.Conversations;

/// <summary>Why a conversation ended (<see cref="ConversationEnded.Reason"/>).</summary>
public static class EndReasons
{
    public const string Ended = "ended";

    /// <summary>The member who blocked the other hears this; the blocked member hears plain <see cref="Ended"/>.</summary>
    public const string Blocked = "blocked";

    /// <summary>The reason the other participant hears: a block is not announced to the one blocked.</summary>
    public static string ForPeer(string reason) => reason == Blocked ? Ended : reason;
}
