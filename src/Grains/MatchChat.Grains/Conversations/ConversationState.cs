namespace MatchChat.Grains.Conversations;

/// <summary>Two participants and the status. Fixed size: messages live in the message store.</summary>
[GenerateSerializer, Alias("MatchChat.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public string? Topic { get; set; }
    [Id(1)] public string SeekerId { get; set; } = "";
    [Id(2)] public string SeekerHandle { get; set; } = "";
    [Id(3)] public string ListenerId { get; set; } = "";
    [Id(4)] public string ListenerHandle { get; set; } = "";
    [Id(5)] public string[] SharedExperiences { get; set; } = [];
    [Id(6)] public DateTime StartedAt { get; set; }
    [Id(7)] public DateTime? EndedAt { get; set; }
    [Id(8)] public string? EndedBy { get; set; }

    public bool Exists => Topic is not null;
}
