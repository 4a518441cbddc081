namespace MatchChat.Grains.Conversations;

/// <summary>Two participants and the status, or a tombstone for a given-up start. Fixed size: messages live in the message store.</summary>
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

    /// <summary>The request this conversation answers; the members recognise their match by it.</summary>
    [Id(9)] public string RequestId { get; set; } = "";

    /// <summary>A start whose outcome was unknown, settled as "never started": this id is given up for good.</summary>
    [Id(10)] public bool Abandoned { get; set; }

    /// <summary>Why it ended, as the ender gave it (<see cref="EndedBy"/>'s reason); null before the end, and for ends stored before this field.</summary>
    [Id(11)] public string? EndReason { get; set; }

    /// <summary>[network] Each participant thanks at most once (ConversationGrain.Thanks.cs).</summary>
    [Id(30)] public bool SeekerThanked { get; set; }
    [Id(31)] public bool ListenerThanked { get; set; }
    /// <summary>[network] Why these two were matched (plain words, or null), and the listener's bio as it was at the start (the seeker's <c>peerBio</c>).</summary>
    [Id(70)] public string? MatchReason { get; set; }
    [Id(71)] public string? ListenerBio { get; set; }

    public bool Exists => Topic is not null;
}
