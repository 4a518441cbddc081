using System.Diagnostics;
using MatchChat.Storage.Postgres;
using Npgsql;
using Xunit.Abstractions;
using static MatchChat.Storage.Tests.TestMessages;

namespace MatchChat.Storage.Tests;

/// <summary>
/// Deletion's redaction on PostgreSQL (migration 006): the text is erased in the table itself, the row keeps its seq with
/// <c>redacted</c> set, in batches across every channel, and no other sender's row changes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageRedactionTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private string _connectionString = "";
    private PostgresMessageStore _store = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("redact");
        await PostgresMigrations.MigrateAsync(_connectionString);
        _store = new PostgresMessageStore(_connectionString);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Every_message_of_the_sender_is_erased_in_the_table_in_batches_and_no_other_row_changes()
    {
        // More than two batches of the leaving sender, interleaved with another sender, in two channels.
        const int PerChannel = 1300;
        foreach (var channel in new[] { "conversation:a", "room:b" })
        {
            await Task.WhenAll(Enumerable.Range(1, PerChannel).Select(seq =>
                _store.AppendAsync(Message(channel, seq, sender: seq % 3 == 0 ? "stays" : "leaves"))));
        }

        var clock = Stopwatch.StartNew();
        var redacted = await _store.RedactSenderAsync("leaves");
        output.WriteLine($"Redacted {redacted} rows in {clock.ElapsedMilliseconds} ms");

        var leaving = 2 * Enumerable.Range(1, PerChannel).Count(seq => seq % 3 != 0);
        Assert.Equal(leaving, redacted);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await Scalar(connection, "SELECT count(*) FROM messages WHERE sender_id = 'leaves' AND (text <> '' OR NOT redacted)"));
        Assert.Equal((long)leaving, await Scalar(connection, "SELECT count(*) FROM messages WHERE sender_id = 'leaves' AND text = '' AND redacted"));
        Assert.Equal(0L, await Scalar(connection, "SELECT count(*) FROM messages WHERE sender_id = 'stays' AND (redacted OR text = '')"));

        var page = await _store.ReadAsync("room:b", afterSeq: 0, beforeSeq: 7, limit: 10);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], page.Select(m => m.Seq));
        Assert.Equal(["", "", "text 3 in room:b", "", "", "text 6 in room:b"], page.Select(m => m.Text));
        Assert.Equal([true, true, false, true, true, false], page.Select(m => m.Redacted));
        Assert.Equal(PerChannel, await _store.GetMaxSeqAsync("conversation:a"));

        Assert.Equal(0, await _store.RedactSenderAsync("leaves"));
    }

    [Fact]
    public async Task The_redaction_finds_a_senders_rows_through_an_index_not_a_scan_of_every_message()
    {
        // Migration 009 dropped the index on sender_id alone: the unique key (sender_id, channel, client_message_id)
        // must now serve the redaction's lookup, or deleting one member would read the whole message table.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN SELECT channel, seq FROM messages WHERE sender_id = 'leaves' AND NOT redacted LIMIT 1000", connection);
        var plan = string.Join("\n", await ReadAllAsync(explain));
        Assert.Contains("uq_messages_sender_client_message_id", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    [Fact]
    public async Task A_resend_of_a_redacted_message_finds_the_redacted_row_and_stores_nothing_new()
    {
        await _store.AppendAsync(Message("conversation:c", 1, sender: "leaves", clientMessageId: "c1"));
        await _store.RedactSenderAsync("leaves");

        var again = await _store.AppendAsync(Message("conversation:c", 2, sender: "leaves", clientMessageId: "c1"));

        Assert.False(again.Inserted);
        Assert.Equal((1L, "", true), (again.Message.Seq, again.Message.Text, again.Message.Redacted));
        Assert.Equal(1, await _store.GetMaxSeqAsync("conversation:c"));
    }

    [Fact]
    public async Task A_moderator_removal_erases_one_message_in_the_table_and_leaves_its_neighbours()
    {
        for (var seq = 1; seq <= 3; seq++)
        {
            await _store.AppendAsync(Message("room:grief", seq, sender: "writes"));
        }

        var removed = await _store.RedactMessageAsync("room:grief", 2);

        Assert.NotNull(removed);
        Assert.Equal((2L, "writes", "", true), (removed.Seq, removed.SenderId, removed.Text, removed.Redacted));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        Assert.Equal(1L, await Scalar(connection, "SELECT count(*) FROM messages WHERE channel = 'room:grief' AND text = '' AND redacted"));
        var page = await _store.ReadAsync("room:grief", afterSeq: 0, beforeSeq: null, limit: 10);
        Assert.Equal(["text 1 in room:grief", "", "text 3 in room:grief"], page.Select(m => m.Text));
        // A repeat answers the row again; a seq or channel without a message answers null.
        Assert.True((await _store.RedactMessageAsync("room:grief", 2))!.Redacted);
        Assert.Null(await _store.RedactMessageAsync("room:grief", 4));
        Assert.Null(await _store.RedactMessageAsync("room:anxiety", 1));
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
