using MatchChat.Grains.Messages;

namespace MatchChat.Storage.Postgres;

/// <summary>One queued append and the caller waiting for its outcome.</summary>
internal sealed class PendingAppend(StoredMessage message)
{
    public StoredMessage Message { get; } = message;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
