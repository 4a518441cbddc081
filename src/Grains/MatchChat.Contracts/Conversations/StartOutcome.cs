namespace MatchChat.Contracts.Conversations;

/// <summary>What <see cref="IConversationGrain.Start"/> found.</summary>
[GenerateSerializer, Alias("MatchChat.StartOutcome")]
public enum StartOutcome
{
    /// <summary>Started now, or earlier by the same start (a repeated start is harmless).</summary>
    Started = 0,

    /// <summary>Already started with another listener: that match stands.</summary>
    Taken = 1,

    /// <summary>This conversation id was given up (<see cref="IConversationGrain.Abandon"/>); use the next one.</summary>
    Abandoned = 2,
}
