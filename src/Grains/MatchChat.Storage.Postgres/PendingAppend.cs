using MatchChat.Grains.Messages;

namespace MatchChat.Storage.Postgres;

/// <summary>One queued append of one channel's rows (one or more, consecutive seqs) and the caller waiting for their outcomes.</summary>
internal sealed class PendingAppend(StoredMessage[] rows)
{
    public StoredMessage[] Rows { get; } = rows;

    public TaskCompletionSource<RowOutcome[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
