using MatchChat.Grains.Messages;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// The embedded message log keeps each channel as rows and character blocks (<c>InMemoryChannelLog</c>): what a member
/// reads back, resends and deletes must come out exactly as the record-per-message log gave it, across its page and block
/// boundaries (2,048 rows, 65,536 characters) and after the first small page and block have grown.
/// </summary>
public sealed class InMemoryMessageStoreTests
{
    private static readonly DateTime At = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private static string Sender(long seq) => seq % 3 == 0 ? "member-b" : "member-a";

    // Lengths from 1 to 4,000 characters (the hub's limit), in two scripts, so rows straddle block ends.
    private static string Text(long seq)
    {
        var unit = seq % 5 == 0 ? "ich bin müde — 我很累 — " : $"message {seq} ";
        var length = seq % 7 == 0 ? 4000 : (int)(1 + (seq * 37 % 600));
        return string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
    }

    private static StoredMessage Message(long seq) =>
        new("room:calm", seq, Sender(seq), seq % 2 == 0 ? "Quiet Heron" : "Kind Otter", $"client-{seq}", Text(seq), At.AddSeconds(seq));

    private static async Task<InMemoryMessageStore> StoreWithAsync(int count)
    {
        var store = new InMemoryMessageStore();
        for (var seq = 1; seq <= count; seq++)
        {
            Assert.True((await store.AppendAsync(Message(seq))).Inserted);
        }

        return store;
    }

    [Fact]
    public async Task Five_thousand_messages_read_back_exactly_page_by_page_in_both_directions()
    {
        const int count = 5000;
        var store = await StoreWithAsync(count);

        var forward = new List<StoredMessage>();
        long? after = 0;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await store.ReadAsync("room:calm", after, null, 333);
            if (page.Count == 0)
            {
                break;
            }

            forward.AddRange(page);
            after = page[^1].Seq;
        }

        var backward = new List<StoredMessage>();
        long? before = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await store.ReadAsync("room:calm", null, before, 500);
            if (page.Count == 0)
            {
                break;
            }

            backward.InsertRange(0, page);
            before = page[0].Seq;
        }

        var expected = Enumerable.Range(1, count).Select(seq => Message(seq)).ToList();
        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
        Assert.Equal([2047L, 2048, 2049], (await store.ReadAsync("room:calm", 2046, 2050, 10)).Select(m => m.Seq));
        Assert.Equal([4998L, 4999, 5000], (await store.ReadAsync("room:calm", null, null, 3)).Select(m => m.Seq));
        Assert.Empty(await store.ReadAsync("room:calm", 5000, null, 10));
        Assert.Empty(await store.ReadAsync("room:calm", null, null, 0));
        Assert.Equal(count, await store.GetMaxSeqAsync("room:calm"));
    }

    [Fact]
    public async Task A_resend_of_any_stored_message_answers_with_the_original_and_stores_nothing()
    {
        var store = await StoreWithAsync(3000);

        foreach (var seq in new long[] { 1, 4, 2048, 2049, 2999 })
        {
            var again = await store.AppendAsync(Message(seq) with { Seq = 3001, Text = "typed again" });
            Assert.False(again.Inserted);
            Assert.Equal(Message(seq), again.Message);
        }

        // The same client id from another sender is another message.
        var other = await store.AppendAsync(Message(4) with { Seq = 3001, SenderId = "member-c" });
        Assert.True(other.Inserted);
        Assert.Equal(3001, await store.GetMaxSeqAsync("room:calm"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(Message(3001) with { ClientMessageId = "new", Seq = 3001 }));
    }

    [Fact]
    public async Task Deleting_a_senders_data_empties_their_texts_and_keeps_everyone_elses()
    {
        var store = await StoreWithAsync(2500);

        Assert.Equal(Enumerable.Range(1, 2500).Count(seq => Sender(seq) == "member-b"), await store.RedactSenderAsync("member-b"));
        Assert.Equal(0, await store.RedactSenderAsync("member-b"));

        var rows = await store.ReadAsync("room:calm", 0, null, 3000);
        Assert.Equal(2500, rows.Count);
        Assert.All(rows, row => Assert.Equal(
            Sender(row.Seq) == "member-b" ? Message(row.Seq) with { Text = "", Redacted = true } : Message(row.Seq),
            row));

        // A resend of a deleted message still finds it (the id is kept, not the words).
        var again = await store.AppendAsync(Message(3) with { Seq = 2501 });
        Assert.False(again.Inserted);
        Assert.Equal("", again.Message.Text);
    }

    [Fact]
    public async Task Erasing_by_age_keeps_the_newer_messages_readable_and_seq_keeps_growing()
    {
        var store = await StoreWithAsync(4100);

        Assert.Equal(3000, store.Erase("room:calm", At.AddSeconds(3000.5)));

        Assert.Equal(Enumerable.Range(3001, 1100).Select(seq => Message(seq)), await store.ReadAsync("room:calm", null, null, 5000));
        Assert.False((await store.AppendAsync(Message(4000) with { Seq = 4101 })).Inserted);
        Assert.True((await store.AppendAsync(Message(4101))).Inserted);

        Assert.Equal(1101, store.Erase("room:calm", sentBefore: null));
        Assert.Empty(await store.ReadAsync("room:calm", null, null, 10));
        Assert.Equal(4101, await store.GetMaxSeqAsync("room:calm"));
        Assert.True((await store.AppendAsync(Message(4102))).Inserted);
        Assert.Equal([Message(4102)], await store.ReadAsync("room:calm", 4101, null, 10));
    }

    [Fact]
    public async Task Reads_follow_seq_across_gaps_odd_bounds_answer_like_a_list_and_an_erased_id_can_be_used_again()
    {
        var store = new InMemoryMessageStore();
        var local = new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Local);
        StoredMessage Gapped(long seq) => new(
            "room:gaps", seq, $"member-{seq / 10 % 20}", $"Handle {seq / 10 % 20}", $"id-{seq}", $"text {seq}",
            DateTime.SpecifyKind(local.AddMinutes(seq / 10), seq % 20 == 0 ? DateTimeKind.Local : DateTimeKind.Unspecified));
        for (var seq = 10; seq <= 3000; seq += 10)
        {
            Assert.True((await store.AppendAsync(Gapped(seq))).Inserted);
        }

        async Task<long[]> Seqs(long? after, long? before, int limit) =>
            (await store.ReadAsync("room:gaps", after, before, limit)).Select(m => m.Seq).ToArray();

        Assert.Equal(new long[] { 20L, 30, 40 }, await Seqs(15, 45, 10));
        Assert.Equal(new long[] { 20L, 30 }, await Seqs(10, 1000, 2));
        Assert.Equal(new long[] { 2980L, 2990 }, await Seqs(null, 3000, 2));
        Assert.Equal(new long[] { 2990L, 3000 }, await Seqs(2985, null, int.MaxValue));
        Assert.Empty(await Seqs(null, 10, 5));
        Assert.Empty(await Seqs(null, long.MinValue, 5));
        Assert.Empty(await Seqs(long.MaxValue, null, 5));
        Assert.Empty(await Seqs(null, null, -1));
        Assert.Equal(300, (await Seqs(long.MinValue, long.MaxValue, int.MaxValue)).Length);
        var newest = await store.ReadAsync("room:gaps", null, null, 2);
        Assert.Equal([Gapped(2990), Gapped(3000)], newest);
        Assert.Equal([DateTimeKind.Unspecified, DateTimeKind.Local], newest.Select(m => m.SentAt.Kind));

        // Redacted rows stay redacted through an erase; the erased ids are forgotten, the kept ones are not.
        await store.RedactSenderAsync("member-5");
        Assert.Equal(149, store.Erase("room:gaps", local.AddMinutes(150)));
        Assert.True((await store.AppendAsync(Gapped(20) with { Seq = 3010 })).Inserted);
        Assert.False((await store.AppendAsync(Gapped(1500) with { Seq = 3020 })).Inserted);
        var kept = await store.ReadAsync("room:gaps", 0, null, 1000);
        Assert.Equal(
            Enumerable.Range(150, 151).Select(n => Gapped(n * 10L)).Select(m => m.SenderId == "member-5" ? m with { Text = "", Redacted = true } : m)
                .Append(Gapped(20) with { Seq = 3010 }),
            kept);
        Assert.Equal(kept.Count(m => m.SenderId == "member-7"), await store.RedactSenderAsync("member-7"));
    }
}
