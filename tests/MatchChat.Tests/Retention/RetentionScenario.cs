using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Reports;
using MatchChat.Grains.Retention;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Retention;

/// <summary>
/// The retention job on a fake clock, over any message log, retention store and report store: the same scenario runs
/// in memory (MatchChat.Tests) and on PostgreSQL (MatchChat.Storage.Tests links this file).
/// </summary>
public sealed class RetentionScenario(IMessageStore messages, IRetentionStore retention, IReportStore reports)
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TopicCatalog Rooms = new([new Topic("grief", "Grief", "", "all"), new Topic("anxiety", "Anxiety", "", "all")]);
    private readonly ManualTime _time = new(T0);

    public async Task Erases_each_kind_after_its_days_and_keeps_the_rest()
    {
        // Batches of 3 rows, so every delete loop runs more than once.
        var options = new RetentionOptions { ConversationDays = 30, RoomDays = 30, ReportDays = 90, BatchSize = 3 };
        var pass = new RetentionPass(retention, reports, options, Rooms, _time);

        await Write("conversation:ended-early", 1, 7, T0);
        await retention.RecordConversationEndedAsync("conversation:ended-early", T0.AddDays(1));
        await Write("conversation:ended-later", 1, 2, T0);
        await retention.RecordConversationEndedAsync("conversation:ended-later", T0.AddDays(20));
        await Write("conversation:still-open", 1, 4, T0);
        await Write("room:grief", 1, 8, T0);
        await Write("room:grief", 9, 2, T0.AddDays(25));
        await Write("room:anxiety", 1, 5, T0);
        var evidence = (await messages.ReadAsync("conversation:ended-early", 0, null, 3)).Select(ToMessage).ToArray();
        await reports.AddAsync(Report("early", T0, evidence));
        await reports.AddAsync(Report("later", T0.AddDays(60), evidence));

        _time.Advance(TimeSpan.FromDays(32));
        var first = await pass.RunAsync();

        Assert.Equal((7, 13, 0), (first.ConversationMessages, first.RoomMessages, first.ReportEvidence));
        Assert.Empty(await Seqs("conversation:ended-early"));
        Assert.Equal(new long[] { 1L, 2L }, await Seqs("conversation:ended-later"));
        Assert.Equal(new long[] { 1L, 2L, 3L, 4L }, await Seqs("conversation:still-open"));
        Assert.Equal(new long[] { 9L, 10L }, await Seqs("room:grief"));
        Assert.Empty(await Seqs("room:anxiety"));
        // A room emptied by retention goes on from its last seq, never from 1.
        Assert.Equal(5, await messages.GetMaxSeqAsync("room:anxiety"));
        Assert.Equal(10, await messages.GetMaxSeqAsync("room:grief"));
        // The report's copy outlives the messages it copied.
        Assert.Equal(new long[] { 1L, 2L, 3L }, (await reports.GetAsync("early"))!.Evidence.Select(m => m.Seq));

        _time.Advance(TimeSpan.FromDays(63));
        var second = await pass.RunAsync();

        Assert.Equal((2, 2, 1), (second.ConversationMessages, second.RoomMessages, second.ReportEvidence));
        Assert.Empty(await Seqs("conversation:ended-later"));
        Assert.Empty(await Seqs("room:grief"));
        Assert.Equal(new long[] { 1L, 2L, 3L, 4L }, await Seqs("conversation:still-open"));
        var early = (await reports.GetAsync("early"))!;
        Assert.Empty(early.Evidence);
        Assert.Equal("harassment", early.Category);
        Assert.Equal(3, (await reports.GetAsync("later"))!.Evidence.Length);

        var again = await pass.RunAsync();
        Assert.Equal((0, 0, 0), (again.ConversationMessages, again.RoomMessages, again.ReportEvidence));
    }

    public async Task Zero_days_keep_that_kind()
    {
        var keepAll = new RetentionOptions { ConversationDays = 0, RoomDays = 0, ReportDays = 0 };
        await Write("conversation:kept", 1, 3, T0);
        await retention.RecordConversationEndedAsync("conversation:kept", T0);
        await Write("room:grief", 1, 3, T0);
        await reports.AddAsync(Report("kept", T0, [new Message("conversation:kept", 1, "a-handle", "words", T0, "c1")]));

        _time.Advance(TimeSpan.FromDays(1000));
        var result = await new RetentionPass(retention, reports, keepAll, Rooms, _time).RunAsync();

        Assert.Equal((0, 0, 0), (result.ConversationMessages, result.RoomMessages, result.ReportEvidence));
        Assert.Equal(new long[] { 1L, 2L, 3L }, await Seqs("conversation:kept"));
        Assert.Equal(new long[] { 1L, 2L, 3L }, await Seqs("room:grief"));
        Assert.Single((await reports.GetAsync("kept"))!.Evidence);
    }

    private async Task Write(string channel, long firstSeq, int count, DateTime sentAt)
    {
        for (var seq = firstSeq; seq < firstSeq + count; seq++)
        {
            await messages.AppendAsync(new StoredMessage(channel, seq, "member-a", "a-handle", $"{channel}-{seq}", $"words {seq}", sentAt.AddSeconds(seq)));
        }
    }

    private async Task<long[]> Seqs(string channel) => (await messages.ReadAsync(channel, null, null, 200)).Select(m => m.Seq).ToArray();

    private static Message ToMessage(StoredMessage m) => new(m.Channel, m.Seq, m.SenderHandle, m.Text, m.SentAt, m.ClientMessageId);

    private static StoredReport Report(string id, DateTime createdAt, Message[] evidence) =>
        new(id, "reporter-id", "Reporter-1", "reported-id", "a-handle", "conversation:ended-early", 3, "harassment", "", createdAt, evidence);
}
