namespace MatchChat.Contracts.Messaging;

/// <summary>Channel names: <c>conversation:&lt;id&gt;</c> and <c>room:&lt;slug&gt;</c>.</summary>
public static class Channels
{
    public const string ConversationPrefix = "conversation:";
    public const string RoomPrefix = "room:";

    public static string ForConversation(string conversationId) => ConversationPrefix + conversationId;

    public static string ForRoom(string slug) => RoomPrefix + slug;
}
