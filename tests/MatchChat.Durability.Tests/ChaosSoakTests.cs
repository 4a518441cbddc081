using MatchChat.Soak;
using MatchChat.Soak.Cluster;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Xunit.Abstractions;

namespace MatchChat.Durability.Tests;

/// <summary>
/// The 2-minute chaos soak (issue 13, part 5; the 10-minute one is the benchmark driver's <c>--soak</c>): two silo
/// processes and two web nodes on the private PostgreSQL, page-like clients chatting, matching and sitting in rooms,
/// a random silo or web node killed with SIGKILL and started again every 20–40 s, PostgreSQL crash-restarted once.
/// The load is modest on purpose: the assertions are about correctness on a busy 2-core machine, not speed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosSoakTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static string WebDll => Path.Combine(RepoPaths.Root, "src", "Web", "MatchChat.Web", "bin", RepoPaths.Configuration, "net10.0", "MatchChat.Web.dll");

    [Fact]
    public async Task Two_minutes_of_kill_9_and_a_postgres_crash_lose_no_acknowledged_message_and_no_seeker()
    {
        var database = new FixtureDatabase(postgres, await postgres.CreateDatabaseAsync("soak"));
        var logs = Directory.CreateTempSubdirectory("matchchat-soak-").FullName;
        var settings = SoakSettings.Test(RepoPaths.SiloDll, WebDll, logs);
        var report = await SoakRun.RunAsync(settings, database, Log);
        output.WriteLine(report.Render());
        Assert.True(report.Passed, $"The soak found violations (node logs in {logs}):\n{report.Render()}");
        Assert.True(report.Killed >= 2, "the soak killed fewer than two processes");
        Assert.True(report.AcknowledgedConversation > 100, "too few messages were acknowledged for the soak to mean anything");
        Directory.Delete(logs, recursive: true);
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
        }
        catch (InvalidOperationException)
        {
            // A line from a background task after the test ended.
        }
    }

    private sealed class FixtureDatabase(PostgresFixture postgres, string connectionString) : ISoakDatabase
    {
        public string ConnectionString => connectionString;

        public Task RestartImmediateAsync() => postgres.RestartAsync();
    }
}
