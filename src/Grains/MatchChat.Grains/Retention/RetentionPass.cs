using System.Diagnostics;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Retention;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Reports;

namespace MatchChat.Grains.Retention;

/// <summary>
/// One retention pass, a plain class on a <see cref="TimeProvider"/> so it is tested with a fake clock: messages of
/// conversations ended more than <see cref="RetentionOptions.ConversationDays"/> ago, room messages older than
/// <see cref="RetentionOptions.RoomDays"/> (the rooms of the topic catalog), and report evidence older than
/// <see cref="RetentionOptions.ReportDays"/>. A setting of 0 keeps that kind.
/// </summary>
public sealed class RetentionPass(IRetentionStore retention, IReportStore reports, RetentionOptions options, TopicCatalog topics, TimeProvider time)
{
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var batch = Math.Max(1, options.BatchSize);
        long conversations = 0, rooms = 0, evidence = 0;
        if (options.ConversationDays > 0)
        {
            conversations = await retention.EraseEndedConversationsAsync(now.AddDays(-options.ConversationDays), batch, cancellationToken);
        }

        if (options.RoomDays > 0)
        {
            var channels = topics.All.Select(t => Channels.ForRoom(t.Slug)).ToArray();
            rooms = await retention.EraseRoomMessagesAsync(channels, now.AddDays(-options.RoomDays), batch, cancellationToken);
        }

        if (options.ReportDays > 0)
        {
            evidence = await reports.EraseEvidenceAsync(now.AddDays(-options.ReportDays), batch, cancellationToken);
        }

        return new RetentionResult(conversations, rooms, evidence, Stopwatch.GetElapsedTime(started));
    }
}
