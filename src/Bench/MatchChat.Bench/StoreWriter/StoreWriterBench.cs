using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;
using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres;
using Npgsql;

namespace MatchChat.Bench.StoreWriter;

/// <summary>
/// <c>--store-writer [--channels N] [--seconds S] [--configs window:writers,...]</c>: the PostgreSQL message log alone,
/// without web node, grains or crisis screen. N channels (default 50, the S3 shape) each append closed loop, the next
/// row when the last one was acknowledged (committed), through one <see cref="PostgresMessageStore"/> on a private
/// PostgreSQL. Per configuration (flush window ms : concurrent writers [: insert|copy, the batch statement]; default "2:1,0:1,0:2"): rows/s, append latency,
/// CPU of this process and of PostgreSQL per row, and rows per transaction. The same file builds against older trees
/// (their writer code, same options), which is how docs/benchmarks.md compares writers.
/// </summary>
public static class StoreWriterBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var channels = Arg(args, "--channels", 50);
        var seconds = Arg(args, "--seconds", 10);
        var configs = (args.SkipWhile(a => a != "--configs").Skip(1).FirstOrDefault() ?? "2:1,0:1,0:2")
            .Split(',').Select(c => c.Split(':')).Select(p => (Window: double.Parse(p[0], CultureInfo.InvariantCulture), Writers: int.Parse(p[1], CultureInfo.InvariantCulture), Mode: p.Length > 2 ? p[2] : "default")).ToArray();
        await using var pg = await PrivatePostgres.StartAsync();
        await PostgresMigrations.MigrateAsync(pg.ConnectionString);
        Console.WriteLine($"store writer: {channels} channels closed loop, {seconds} s per configuration after 2 s warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine("| flush window | writers | rows/s | p50 / p99 append (ms) | this process CPU per row (µs) | PostgreSQL CPU per row (µs) | rows per transaction |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var run = 0;
        foreach (var (window, writers, mode) in configs)
        {
            run++;
            var options = new PostgresMessageStoreOptions { FlushWindow = TimeSpan.FromMilliseconds(window), ConcurrentBatches = writers };
            options = mode switch
            {
                "insert" => options with { BinaryCopy = false },
                "copy" => options with { BinaryCopy = true },
                _ => options,
            };
            await using var store = new PostgresMessageStore(pg.ConnectionString, options);
            var latency = new Latency();
            long rows = 0;
            var warmEnd = Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency;
            var end = warmEnd + seconds * Stopwatch.Frequency;
            long cpu0 = 0, pg0 = 0;
            var measuring = new TaskCompletionSource();
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                cpu0 = Proc.ProcessTicks(Environment.ProcessId);
                pg0 = pg.CpuTicks();
                measuring.TrySetResult();
            });
            await Task.WhenAll(Enumerable.Range(0, channels).Select(c => Task.Run(async () =>
            {
                var channel = $"conversation:w{run}-{c}";
                for (long seq = 1; Stopwatch.GetTimestamp() < end; seq++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await store.AppendAsync(new StoredMessage(channel, seq, "member-a", "handle-a", $"w{run}-{c}-{seq}",
                        "I hear you. Take your time, I'm here and listening whenever you're ready to talk.", DateTime.UtcNow));
                    var t1 = Stopwatch.GetTimestamp();
                    if (t0 >= warmEnd && t1 <= end)
                    {
                        latency.RecordTicks(t1 - t0);
                        Interlocked.Increment(ref rows);
                    }
                }
            })));
            await measuring.Task;
            var cpu = (Proc.ProcessTicks(Environment.ProcessId) - cpu0) / Proc.TicksPerSecond;
            var pgCpu = (pg.CpuTicks() - pg0) / Proc.TicksPerSecond;
            var transactions = await TransactionsAsync(pg.ConnectionString, $"conversation:w{run}-%");
            var all = await RowsAsync(pg.ConnectionString, $"conversation:w{run}-%");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {window} ms | {writers}{(mode == "default" ? "" : " " + mode)} | {rows / (double)seconds:F0} | {latency.Ms(50):F2} / {latency.Ms(99):F2} | {cpu * 1e6 / rows:F1} | {pgCpu * 1e6 / rows:F1} | {all / (double)Math.Max(1, transactions):F1} |"));
        }

        Console.WriteLine($"uptime: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static int Arg(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);

    /// <summary>Rows written by one transaction share its xmin (warm-up rows included, over the whole run of that configuration).</summary>
    private static async Task<long> TransactionsAsync(string connectionString, string like)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM messages WHERE channel LIKE $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = like });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> RowsAsync(string connectionString, string like)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM messages WHERE channel LIKE $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = like });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
