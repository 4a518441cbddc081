using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MatchChat.Contracts.Members;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace MatchChat.Durability.Tests;

/// <summary>
/// PostgreSQL started with a small <c>max_connections</c>, and a node whose connection budget fits under it: a thousand
/// people arriving at once (member creation, then a hub connection each) never see a 500, every one of them gets in
/// (retrying a 503 after its Retry-After), and the node never holds more connections than its budget.
/// </summary>
public sealed class ConnectionBudgetTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MaxConnections = 20;
    private const int Budget = 12;
    private const int People = 1000;
    private readonly PostgresFixture _postgres = new() { MaxConnections = MaxConnections };

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task A_thousand_parallel_arrivals_get_in_without_a_500_and_within_the_connection_budget()
    {
        var database = await _postgres.CreateDatabaseAsync("budget");
        await using var node = new EmbeddedNode(database, new Dictionary<string, string?>
        {
            ["MatchChat:Postgres:MaxConnections"] = Budget.ToString(),
            ["MatchChat:Limits:MemberCreationsPerMinute"] = "0",
            ["MatchChat:Web:MaxConnectionsPerAddress"] = "0",
        });
        await node.StartAsync();

        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        using var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var members = await Task.WhenAll(Enumerable.Range(0, People).Select(_ => ArriveAsync(http, node.Url, statuses)));
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        var (maxSeen, samples) = await peak;

        output.WriteLine($"{People} arrivals in {elapsed.TotalSeconds:F1} s; answers: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}")) +
            $"; most MatchChat connections seen in pg_stat_activity: {maxSeen} (budget {Budget}, server max_connections {MaxConnections}, {samples} samples)");
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses.Keys);
        Assert.All(statuses.Keys, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"unexpected {(int)s}"));
        Assert.Equal(People, members.Distinct().Count());
        Assert.InRange(maxSeen, 1, Budget);
    }

    /// <summary>Creates a member (retrying 503s as Retry-After says), connects to the hub and reads GetMe.</summary>
    private static async Task<string> ArriveAsync(HttpClient http, Uri url, ConcurrentDictionary<HttpStatusCode, int> statuses)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult" });
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                await Task.Delay(response.Headers.RetryAfter!.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = (await response.Content.ReadFromJsonAsync<TestMember.CreatedMember>())!;
            for (var connectAttempt = 1; ; connectAttempt++)
            {
                try
                {
                    await using var connection = await TestConnection.OpenAsync(url, created.Token);
                    var me = await connection.Invoke<Member>("GetMe");
                    return me.Handle;
                }
                catch (Exception) when (connectAttempt < 10)
                {
                    await Task.Delay(500);
                }
            }
        }
    }

    private async Task<(int Max, int Samples)> SamplePeakAsync(CancellationToken stop)
    {
        var max = 0;
        var samples = 0;
        await using var connection = new NpgsqlConnection(_postgres.AdminConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE application_name LIKE 'matchchat-%'", connection);
        while (!stop.IsCancellationRequested)
        {
            max = Math.Max(max, (int)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            samples++;
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (max, samples);
    }
}
