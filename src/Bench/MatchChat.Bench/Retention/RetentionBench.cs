using System.Diagnostics;
using MatchChat.Bench.Infra;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Retention;
using MatchChat.Storage.Postgres;
using MatchChat.Storage.Postgres.Trust;
using Npgsql;
using NpgsqlTypes;

namespace MatchChat.Bench.Retention;

/// <summary>
/// <c>--retention [--rows N]</c>: how long one retention pass takes over a message table of N rows (default 1,000,000) on a
/// private PostgreSQL, and what a writer inserting messages meanwhile (one row per transaction, as fast as it can)
/// sees. The table: 80 % conversation rows (4 of 5 conversations ended 40 days ago, the rest still open), 20 % room rows
/// in the 8 default rooms (3 of 4 sent 40 days ago); 1,000 reports, half of them 100 days old. Default retention
/// (30 / 30 / 90 days, batches of 5,000).
/// </summary>
public static class RetentionBench
{
    private const int MessagesPerConversation = 80;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
        await using var pg = await PrivatePostgres.StartAsync();
        var connectionString = pg.ConnectionString;
        await PostgresMigrations.MigrateAsync(connectionString);
        var now = DateTime.UtcNow;
        var old = now.AddDays(-40);

        var fill = Stopwatch.StartNew();
        var (conversationRows, roomRows) = await FillAsync(connectionString, rows, now, old);
        Log.Info($"retention: filled {conversationRows:N0} conversation rows and {roomRows:N0} room rows in {fill.Elapsed.TotalSeconds:F1} s");

        await using var trust = new TrustDataSource(connectionString);
        var pass = new RetentionPass(new PostgresRetentionStore(trust), new PostgresReportStore(trust), new RetentionOptions(), TopicCatalog.Default, TimeProvider.System);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteMeanwhileAsync(connectionString, stop.Token));
        var result = await pass.RunAsync();
        await stop.CancelAsync();
        var (inserts, maxMs, p99Ms) = await writer;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM messages", connection);
        var left = (long)(await count.ExecuteScalarAsync())!;
        Console.WriteLine(
            $"retention pass over {rows:N0} message rows: {result.Elapsed.TotalSeconds:F1} s; erased {result.ConversationMessages:N0} conversation rows, " +
            $"{result.RoomMessages:N0} room rows, evidence of {result.ReportEvidence:N0} reports; {left:N0} rows left (incl. {inserts:N0} written meanwhile)");
        Console.WriteLine($"concurrent single-row inserts during the pass: {inserts:N0}, p99 {p99Ms:F1} ms, max {maxMs:F1} ms");
        return 0;
    }

    private static async Task<(long Conversation, long Room)> FillAsync(string connectionString, int rows, DateTime now, DateTime old)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var roomRows = rows / 5;
        var conversations = (rows - roomRows) / MessagesPerConversation;
        long conversationRows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY messages (channel, seq, sender_id, sender_handle, client_message_id, text, sent_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < conversations; c++)
            {
                var sentAt = c % 5 == 4 ? now.AddDays(-1) : old;
                for (var seq = 1; seq <= MessagesPerConversation; seq++)
                {
                    await WriteRowAsync(copy, $"conversation:bench-{c}", seq, sentAt.AddSeconds(seq));
                    conversationRows++;
                }
            }

            var rooms = TopicCatalog.Default.All.Select(t => "room:" + t.Slug).ToArray();
            var perRoom = roomRows / rooms.Length;
            foreach (var room in rooms)
            {
                for (var seq = 1; seq <= perRoom; seq++)
                {
                    var sentAt = seq <= perRoom * 3 / 4 ? old : now.AddDays(-1);
                    await WriteRowAsync(copy, room, seq, sentAt.AddMilliseconds(seq));
                }
            }

            roomRows = perRoom * rooms.Length;
            await copy.CompleteAsync();
        }

        await using (var endings = await connection.BeginBinaryImportAsync("COPY conversation_endings (channel, ended_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < conversations; c++)
            {
                if (c % 5 != 4)
                {
                    await endings.StartRowAsync();
                    await endings.WriteAsync($"conversation:bench-{c}", NpgsqlDbType.Text);
                    await endings.WriteAsync(old.AddHours(1), NpgsqlDbType.TimestampTz);
                }
            }

            await endings.CompleteAsync();
        }

        await using (var reports = new NpgsqlCommand(
            "INSERT INTO reports (report_id, reporter_id, reporter_handle, channel, seq, category, reason, created_at, evidence) " +
            "SELECT 'r' || i, 'reporter', 'Quiet-1', 'conversation:bench-' || i, 5, 'spam', '', " +
            "CASE WHEN i % 2 = 0 THEN now() - interval '100 days' ELSE now() END, " +
            "(SELECT jsonb_agg(jsonb_build_object('channel', 'conversation:bench-' || i, 'seq', s, 'senderHandle', 'Loud-2', 'text', repeat('x', 120), 'sentAt', now(), 'clientMessageId', 'c' || s, 'redacted', false)) FROM generate_series(1, 21) s) " +
            "FROM generate_series(1, 1000) i", connection))
        {
            await reports.ExecuteNonQueryAsync();
        }

        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        return (conversationRows, roomRows);
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, string channel, long seq, DateTime sentAt)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(channel, NpgsqlDbType.Text);
        await copy.WriteAsync(seq, NpgsqlDbType.Bigint);
        await copy.WriteAsync("member-a", NpgsqlDbType.Text);
        await copy.WriteAsync("Quiet-1", NpgsqlDbType.Text);
        await copy.WriteAsync($"m{seq}", NpgsqlDbType.Text);
        await copy.WriteAsync("A message of an ordinary length, about as long as people write in a chat.", NpgsqlDbType.Text);
        await copy.WriteAsync(sentAt, NpgsqlDbType.TimestampTz);
    }

    /// <summary>Inserts one row per transaction into an open conversation until cancelled; latency of each.</summary>
    private static async Task<(int Count, double MaxMs, double P99Ms)> WriteMeanwhileAsync(string connectionString, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        var latencies = new List<double>();
        for (var seq = 1_000_000L; !stop.IsCancellationRequested; seq++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO messages (channel, seq, sender_id, sender_handle, client_message_id, text, sent_at) VALUES ('conversation:live', $1, 'a', 'A-1', 'live' || $1::text, 'live', now())", connection);
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
            var started = Stopwatch.GetTimestamp();
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return latencies.Count == 0 ? (0, 0, 0) : (latencies.Count, latencies[^1], latencies[(int)(latencies.Count * 0.99)]);
    }
}
