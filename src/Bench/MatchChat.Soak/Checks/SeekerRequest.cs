namespace MatchChat.Soak.Checks;

/// <summary>A seeker's request the client knows of (from its ticket or a QueueUpdated), and the rule that ended it.</summary>
public sealed class SeekerRequest(string requestId, string seekerHandle, string topic, string learnedFrom)
{
    private string? _outcome;

    public string RequestId { get; } = requestId;
    public string SeekerHandle { get; } = seekerHandle;
    public string Topic { get; } = topic;
    public string LearnedFrom { get; } = learnedFrom;

    /// <summary>matched, cancelled or expired; null while open or if the client never learned.</summary>
    public string? Outcome => Volatile.Read(ref _outcome);

    /// <summary>How the outcome was learned (Matched, QueueUpdated, CancelRequest, ListConversations, final check).</summary>
    public string? OutcomeSource { get; private set; }

    public bool SetOutcome(string outcome, string source)
    {
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is not null)
        {
            return false;
        }

        OutcomeSource = source;
        return true;
    }
}
