namespace MatchChat.Grains.Retention;

/// <summary>
/// What the retention job erases from the message log, and when each conversation ended (recorded by the conversation
/// grain, since the job cannot read grain state). PostgreSQL when configured, memory otherwise.
/// Deletes run in batches of <c>batchSize</c> rows, each its own short transaction, so the message table is never
/// locked for long.
/// </summary>
public interface IRetentionStore
{
    /// <summary>Idempotent: a repeated call keeps the first time.</summary>
    Task RecordConversationEndedAsync(string channel, DateTime endedAt, CancellationToken cancellationToken = default);

    /// <summary>Erases every message of conversations that ended before <paramref name="endedBefore"/>; returns the rows erased.</summary>
    Task<long> EraseEndedConversationsAsync(DateTime endedBefore, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Erases messages of these room channels sent before <paramref name="sentBefore"/>; returns the rows erased.
    /// A room's seq keeps growing afterwards, even if every row of the room was erased.</summary>
    Task<long> EraseRoomMessagesAsync(IReadOnlyList<string> roomChannels, DateTime sentBefore, int batchSize, CancellationToken cancellationToken = default);
}
