namespace MatchChat.Soak.Checks;

/// <summary>A conversation as either participant saw it; server times from the conversation grain.</summary>
public sealed class ConversationRecord(string conversationId, string channel, string topic)
{
    public string ConversationId { get; } = conversationId;
    public string Channel { get; } = channel;
    public string Topic { get; } = topic;
    public string? SeekerHandle { get; set; }
    public string? ListenerHandle { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Still open when the listener last listed its conversations at the end.</summary>
    public bool ActiveAtEnd { get; set; }
}
