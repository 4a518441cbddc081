namespace MatchChat.Contracts.Conversations;

/// <summary>Why a conversation ended (<see cref="ConversationEnded.Reason"/>).</summary>
public static class EndReasons
{
    public const string Ended = "ended";
}
